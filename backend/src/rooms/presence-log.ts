/**
 * The rooms' join/leave history (room_presence), and each room's idle clock restarted by it,
 * written in batches (db/write-batches.ts). One transaction per join or leave queued a
 * reconnect storm (an instance restarted: its thousands of members back at once) or a
 * shutdown (all of them leaving) behind the pool's ten connections: bench:load's 5,000
 * members took ~30 % longer to join, and at the end ~3,000 of their leaves timed out waiting
 * for a connection ("recordPresence leave failed: database is unavailable").
 */
import { guardDb } from '../db/faults.ts';
import type { Db } from '../db/index.ts';
import { roomPresence } from '../db/schema.ts';
import { writeBatches } from '../db/write-batches.ts';
import { spoiledByARow } from '../record/errors.ts';
import { restartIdleClocks } from './idle-clock.ts';

export interface PresenceEvent {
  roomId: string;
  userId: string;
  connectionId: string;
  event: 'join' | 'leave';
  /** ms since epoch (the caller's clock). */
  at: number;
}

/** Most events in one transaction (one INSERT, one idle-clock statement for their rooms). */
export const PRESENCE_BATCH_MAX = 500;
/** Transactions in flight at once, of the pool's ten connections (chat and joins need the rest). */
export const PRESENCE_WRITES_IN_FLIGHT = 2;

/** Each room's latest event time. */
export function latestByRoom(events: readonly PresenceEvent[]): Array<[string, number]> {
  const latest = new Map<string, number>();
  for (const { roomId, at } of events) latest.set(roomId, Math.max(latest.get(roomId) ?? at, at));
  return [...latest];
}

async function writePresence(db: Db, events: PresenceEvent[]): Promise<void> {
  await guardDb(() =>
    db.transaction(async (tx) => {
      await tx.insert(roomPresence).values(events.map((e) => ({ ...e, at: new Date(e.at) })));
      await restartIdleClocks(tx, latestByRoom(events));
    }),
  );
}

export function createPresenceLog(db: Db) {
  const batches = writeBatches<PresenceEvent, void>({
    maxBatch: PRESENCE_BATCH_MAX,
    inFlight: PRESENCE_WRITES_IN_FLIGHT,
    write: async (events) => {
      await writePresence(db, events);
      return events.map(() => undefined);
    },
    spoiledByAnItem: spoiledByARow,
  });
  return {
    /** Appends the event and restarts its room's idle clock. */
    record: (event: PresenceEvent): Promise<void> => batches.add(event),
  };
}
