/**
 * Room expiry: a room nobody has been in for ROOM_IDLE_TTL_SECONDS is closed
 * with reason 'expired'. The decision is a pure function; the sweeper only
 * gathers facts, decides, and acts.
 */
import { and, isNull, lt, or } from 'drizzle-orm';
import type { Db } from '../db/index.ts';
import { rooms } from '../db/schema.ts';
import type { LiveStore } from '../live/types.ts';
import { closeRoomNow } from './service.ts';

export interface IdleFacts {
  /** Last join/leave, or creation (ms). */
  lastActivityAt: number;
  participantCount: number;
}

export function isRoomIdle(facts: IdleFacts, now: number, ttlMs: number): boolean {
  return facts.participantCount === 0 && now - facts.lastActivityAt >= ttlMs;
}

export interface SweepDeps {
  db: Db;
  live: LiveStore;
  clock: () => number;
  instanceId: string;
  idleTtlMs: number;
}

/** Closes every idle room; returns their ids. */
export async function sweepIdleRooms(deps: SweepDeps): Promise<string[]> {
  const now = deps.clock();
  const candidates = await deps.db
    .select({ id: rooms.id, lastActivityAt: rooms.lastActivityAt })
    .from(rooms)
    .where(
      and(
        isNull(rooms.closedAt),
        lt(rooms.lastActivityAt, new Date(now - deps.idleTtlMs + 1)),
        // A scheduled screening waits for its start however quiet it is until then; its idle
        // clock runs from the start (backend/src/schedule).
        or(isNull(rooms.startsAt), lt(rooms.startsAt, new Date(now - deps.idleTtlMs + 1))),
      ),
    );
  const expired: string[] = [];
  for (const room of candidates) {
    const participants = await deps.live.listParticipants(room.id);
    const facts = {
      lastActivityAt: room.lastActivityAt.getTime(),
      participantCount: participants.length,
    };
    if (isRoomIdle(facts, now, deps.idleTtlMs) && (await closeRoomNow(deps, room.id, 'expired'))) {
      expired.push(room.id);
    }
  }
  return expired;
}

/** Runs the sweep every `intervalMs`; returns a stop function. */
export function startRoomSweeper(
  deps: SweepDeps & { intervalMs: number; onError: (m: string) => void },
) {
  const timer = setInterval(() => {
    sweepIdleRooms(deps).catch((error: unknown) =>
      deps.onError(`room sweep failed: ${String(error)}`),
    );
  }, deps.intervalMs);
  return () => clearInterval(timer);
}
