/**
 * Chat lines in batches on a real Postgres: lines that arrive together share statements, each
 * line still succeeds or fails alone, and two instances writing the same rooms in opposite
 * orders neither deadlock nor break a room's cursor sequence.
 */
import { beforeEach, describe, expect, test } from 'bun:test';
import { hasPostgres } from '@kino/test-support/services';
import { asc, eq, sql } from 'drizzle-orm';
import type { Pool } from 'pg';
import type { Db } from '../../src/db/index.ts';
import { roomChat } from '../../src/db/schema.ts';
import { CHAT_BATCHES_IN_FLIGHT } from '../../src/record/chat-append.ts';
import { createPostgresRoomRecord } from '../../src/record/postgres.ts';
import { annasLine, INITIAL_RECORD, resetRooms, usePostgres } from './rooms.test-kit.ts';

const ROOMS = ['r1', 'r2', 'r3', 'r4'];
const initial = INITIAL_RECORD;
const line = annasLine;

/**
 * The database handle with its calls of kino_append_chat counted, as they reach the pool (a
 * prepared statement goes to `pool.query` with its text, named).
 */
function counted(db: Db) {
  const counter = { statements: 0 };
  const pool = (db as unknown as { $client: Pool }).$client;
  const query = pool.query;
  const countingQuery = (...args: unknown[]) => {
    const config = args[0] as string | { text?: string };
    const text = typeof config === 'string' ? config : (config.text ?? '');
    if (text.includes('kino_append_chat')) counter.statements++;
    return (query as (...a: unknown[]) => unknown).apply(pool, args);
  };
  pool.query = countingQuery as typeof pool.query;
  const restore = () => {
    pool.query = query;
  };
  return { db, counter, [Symbol.dispose]: restore };
}

async function cursorsOf(db: Db, roomId: string) {
  const rows = await db
    .select({ cursor: roomChat.cursor, id: roomChat.id })
    .from(roomChat)
    .where(eq(roomChat.roomId, roomId))
    .orderBy(asc(roomChat.cursor));
  return rows.map((r) => Number(r.cursor));
}

describe.skipIf(!hasPostgres)('chat lines in batches (Postgres)', () => {
  const postgres = usePostgres();
  beforeEach(() => resetRooms(postgres().db, ROOMS));

  test('lines that arrive together share statements; each room gets 1, 2, 3, …', async () => {
    using appends = counted(postgres().db);
    const { db, counter } = appends;
    const record = createPostgresRoomRecord(db, 'postgres');
    const appended = await Promise.all(
      Array.from({ length: 120 }, (_, i) =>
        record.appendChat(ROOMS[i % ROOMS.length] as string, line(`m${i}`), initial),
      ),
    );
    expect(appended.every((a) => a.stored)).toBe(true);
    expect(counter.statements).toBeGreaterThan(0);
    expect(counter.statements).toBeLessThan(120 / 4);
    for (const roomId of ROOMS) {
      expect(await cursorsOf(postgres().db, roomId)).toEqual(
        Array.from({ length: 30 }, (_, i) => i + 1),
      );
    }
    // Each line got its own room's cursor back, in the order the lines were sent.
    const ofR1 = appended.filter((_, i) => i % ROOMS.length === 0).map((a) => a.message.cursor);
    expect(ofR1).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
  });

  test('a resend among new lines: the batch goes again with dedupe, nothing doubled', async () => {
    using appends = counted(postgres().db);
    const { db, counter } = appends;
    const record = createPostgresRoomRecord(db, 'postgres');
    await record.appendChat('r1', line('sent'), initial);
    counter.statements = 0;
    const appended = await Promise.all([
      ...Array.from({ length: 6 }, (_, i) =>
        record.appendChat(ROOMS[i % 2] as string, line(`new-${i}`), initial),
      ),
      record.appendChat('r1', line('sent'), initial),
      record.appendChat('r2', line('new-1'), initial),
    ]);
    // (Batches in flight at once commit in either order: which new line got which cursor varies.)
    expect(appended.slice(0, 6).every((a) => a.stored)).toBe(true);
    expect(appended[6]).toMatchObject({ stored: false, message: { cursor: 1 } });
    expect(appended[7]).toMatchObject({ stored: false, message: appended[1]?.message });
    expect(await cursorsOf(postgres().db, 'r1')).toEqual([1, 2, 3, 4]);
    expect(await cursorsOf(postgres().db, 'r2')).toEqual([1, 2, 3]);
    // The first lines alone (one per free slot), the rest in one batch, that batch once more.
    expect(counter.statements).toBeLessThanOrEqual(CHAT_BATCHES_IN_FLIGHT + 2);
  });

  test('a line for a room that is gone fails alone; the lines beside it are stored', async () => {
    const record = createPostgresRoomRecord(postgres().db, 'postgres');
    const results = await Promise.allSettled([
      record.appendChat('r1', line('a1'), initial),
      record.appendChat('r1', line('a2'), initial),
      record.appendChat('no-such-room', line('x1'), initial),
      record.appendChat('r2', line('b1'), initial),
    ]);
    expect(results.map((r) => r.status)).toEqual([
      'fulfilled',
      'fulfilled',
      'rejected',
      'fulfilled',
    ]);
    expect(await cursorsOf(postgres().db, 'r1')).toEqual([1, 2]);
    expect(await cursorsOf(postgres().db, 'r2')).toEqual([1]);
  });

  test('a batch the database fails (a lock wait timed out) fails all its lines at once', async () => {
    using appends = counted(postgres().db);
    const { db, counter } = appends;
    const record = createPostgresRoomRecord(db, 'postgres');
    await record.appendChat('r1', line('first'), initial);
    counter.statements = 0;
    // Another session holds the room's row past the lock timeout (DB_TIMEOUTS.lockMs).
    const outcomes = await postgres().db.transaction(async (tx) => {
      await tx.execute(sql`SELECT 1 FROM room_live WHERE room_id = 'r1' FOR UPDATE`);
      return Promise.allSettled(
        Array.from({ length: 8 }, (_, i) => record.appendChat('r1', line(`held-${i}`), initial)),
      );
    });
    expect(outcomes.every((o) => o.status === 'rejected')).toBe(true);
    // The first lines alone (one per free slot), the rest in one batch — none retried alone.
    expect(counter.statements).toBeLessThanOrEqual(CHAT_BATCHES_IN_FLIGHT + 1);
    expect(await cursorsOf(postgres().db, 'r1')).toEqual([1]);
  }, 20_000);

  test('two instances on the same rooms in opposite orders: no deadlock, no holes, no doubles', async () => {
    const one = createPostgresRoomRecord(postgres().db, 'postgres');
    const two = createPostgresRoomRecord(postgres().db, 'postgres');
    const reversed = [...ROOMS].reverse();
    const sends: Promise<unknown>[] = [];
    for (let i = 0; i < 200; i++) {
      sends.push(one.appendChat(ROOMS[i % 4] as string, line(`one-${i}`), initial));
      sends.push(two.appendChat(reversed[i % 4] as string, line(`two-${i}`), initial));
      // The same client id at both (a resend that reached two instances): stored once.
      if (i % 50 === 0) {
        sends.push(one.appendChat('r1', line(`both-${i}`), initial));
        sends.push(two.appendChat('r1', line(`both-${i}`), initial));
      }
    }
    await Promise.all(sends);
    for (const roomId of ROOMS) {
      const expected = roomId === 'r1' ? 100 + 4 : 100;
      expect(await cursorsOf(postgres().db, roomId)).toEqual(
        Array.from({ length: expected }, (_, i) => i + 1),
      );
    }
  });
});
