/**
 * Idle clocks of many rooms at once (rooms/idle-clock.ts): writers that name the same rooms in
 * any order never deadlock, a clock never moves back, closed rooms are left alone.
 */
import { describe, expect, test } from 'bun:test';
import { seededRandom } from '@kino/shared/seeded-random';
import { hasPostgres } from '@kino/test-support/services';
import { inArray, isNotNull } from 'drizzle-orm';
import type { DbHandle } from '../../src/db/index.ts';
import { rooms } from '../../src/db/schema.ts';
import { restartIdleClocks } from '../../src/rooms/idle-clock.ts';
import { resetRooms, usePglite, usePostgres } from '../record/rooms.test-kit.ts';

const ROOMS = Array.from({ length: 300 }, (_, i) => `clock-room-${String(i).padStart(3, '0')}`);
const T0 = 1_700_000_200_000;

async function clocksOf(handle: DbHandle): Promise<Map<string, number>> {
  const rows = await handle.db
    .select({ id: rooms.id, at: rooms.lastActivityAt })
    .from(rooms)
    .where(inArray(rooms.id, ROOMS));
  return new Map(rows.map((r) => [r.id, r.at.getTime()]));
}

function clockSpecs(handle: () => DbHandle) {
  test('a clock only moves on; closed rooms keep theirs', async () => {
    const { db } = handle();
    await resetRooms(db, ROOMS);
    await db
      .update(rooms)
      .set({ closedAt: new Date(T0) })
      .where(inArray(rooms.id, ROOMS.slice(0, 10)));
    await restartIdleClocks(
      db,
      ROOMS.map((id) => [id, T0 + 5_000] as const),
    );
    await restartIdleClocks(
      db,
      ROOMS.map((id, i) => [id, T0 + (i % 2 === 0 ? 1_000 : 9_000)] as const),
    );
    const clocks = await clocksOf(handle());
    const closed = await db.select({ id: rooms.id }).from(rooms).where(isNotNull(rooms.closedAt));
    expect(closed.length).toBe(10);
    for (const [i, id] of ROOMS.entries()) {
      const expected = i < 10 ? 1_700_000_000_000 : T0 + (i % 2 === 0 ? 5_000 : 9_000);
      expect([id, clocks.get(id)]).toEqual([id, expected]);
    }
  });
}

describe('idle clocks (PGlite)', () => clockSpecs(usePglite()));

describe.skipIf(!hasPostgres)('idle clocks (Postgres)', () => {
  const postgres = usePostgres();
  clockSpecs(postgres);

  test('writers naming the same rooms in any order, in open transactions, never deadlock', async () => {
    const { db } = postgres();
    await resetRooms(db, ROOMS);
    const random = seededRandom(7);
    const shuffled = () => {
      const ids = [...ROOMS];
      for (let i = ids.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        [ids[i], ids[j]] = [ids[j] as string, ids[i] as string];
      }
      return ids;
    };
    // Each writer holds its locks a moment after taking them, as a presence batch does while it
    // commits: taken crosswise, every pair of writers would wait on each other.
    const writer = (round: number, w: number) =>
      db.transaction(async (tx) => {
        await restartIdleClocks(
          tx,
          shuffled().map((id) => [id, T0 + round * 10 + w] as const),
        );
        await Bun.sleep(5);
      });
    for (let round = 0; round < 5; round++) {
      const outcomes = await Promise.allSettled(
        Array.from({ length: 6 }, (_, w) => writer(round, w)),
      );
      expect(outcomes.filter((o) => o.status === 'rejected')).toEqual([]);
    }
    const clocks = await clocksOf(postgres());
    expect(new Set(clocks.values())).toEqual(new Set([T0 + 4 * 10 + 5]));
  });
});
