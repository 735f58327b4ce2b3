/**
 * The join/leave history in batches (rooms/presence-log.ts), on both stacks: a storm of events
 * arriving together is stored whole, each room's idle clock ends at its latest event, and an
 * event for a room that is gone fails alone.
 */
import { describe, expect, test } from 'bun:test';
import { hasPostgres } from '@kino/test-support/services';
import { asc, eq, inArray } from 'drizzle-orm';
import type { DbHandle } from '../../src/db/index.ts';
import { roomPresence, rooms } from '../../src/db/schema.ts';
import { createPresenceLog, type PresenceEvent } from '../../src/rooms/presence-log.ts';
import { resetRooms, usePglite, usePostgres } from '../record/rooms.test-kit.ts';

const ROOMS = ['room-a', 'room-b', 'room-c'];
const T0 = 1_700_000_100_000;

const event = (i: number, roomId = ROOMS[i % ROOMS.length] as string): PresenceEvent => ({
  roomId,
  userId: `u${i}`,
  connectionId: `c${i}`,
  event: i % 2 === 0 ? 'join' : 'leave',
  // Out of order on purpose: a room's clock must end at its latest event, not its last one.
  at: T0 + ((i * 7919) % 1000),
});

function presenceSpecs(handle: () => DbHandle) {
  test('a storm of events is stored whole; each room ends at its latest event', async () => {
    const { db } = handle();
    await db.delete(roomPresence);
    await resetRooms(db, ROOMS);
    const log = createPresenceLog(db);
    const events = Array.from({ length: 1200 }, (_, i) => event(i));
    await Promise.all(events.map((e) => log.record(e)));

    const stored = await db.select().from(roomPresence).orderBy(asc(roomPresence.id));
    expect(stored.length).toBe(events.length);
    expect(new Set(stored.map((r) => r.connectionId)).size).toBe(events.length);
    const byConnection = new Map(stored.map((r) => [r.connectionId, r]));
    for (const e of events) {
      const row = byConnection.get(e.connectionId);
      expect([row?.roomId, row?.userId, row?.event, row?.at.getTime()]).toEqual([
        e.roomId,
        e.userId,
        e.event,
        e.at,
      ]);
    }
    const clocks = await db
      .select({ id: rooms.id, at: rooms.lastActivityAt })
      .from(rooms)
      .where(inArray(rooms.id, ROOMS));
    for (const { id, at } of clocks) {
      const latest = Math.max(...events.filter((e) => e.roomId === id).map((e) => e.at));
      expect(at.getTime()).toBe(latest);
    }
  });

  test('an event for a room that is gone fails alone; its batch mates are stored', async () => {
    const { db } = handle();
    await db.delete(roomPresence);
    await resetRooms(db, ROOMS);
    const log = createPresenceLog(db);
    const outcomes = await Promise.all(
      [event(1), event(2), event(3, 'room-deleted'), event(4), event(5)].map((e) =>
        log.record(e).then(
          () => 'stored',
          () => 'failed',
        ),
      ),
    );
    expect(outcomes).toEqual(['stored', 'stored', 'failed', 'stored', 'stored']);
    const stored = await db
      .select({ connectionId: roomPresence.connectionId })
      .from(roomPresence)
      .where(eq(roomPresence.userId, 'u3'));
    expect(stored).toEqual([]);
    expect((await db.select().from(roomPresence)).length).toBe(4);
  });
}

describe('presence log (PGlite)', () => presenceSpecs(usePglite()));
describe.skipIf(!hasPostgres)('presence log (Postgres)', () => presenceSpecs(usePostgres()));
