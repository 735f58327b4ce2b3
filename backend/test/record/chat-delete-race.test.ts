/**
 * Deleting a room while a line is being stored for it (migration 0009: room_chat has no key to
 * room_live; a trigger deletes a record's chat): whichever goes first, no line outlives its room.
 */
import { beforeEach, describe, expect, test } from 'bun:test';
import { hasPostgres } from '@kino/test-support/services';
import { eq, sql } from 'drizzle-orm';
import type { Pool } from 'pg';
import { roomChat, roomLive } from '../../src/db/schema.ts';
import { createPostgresRoomRecord } from '../../src/record/postgres.ts';
import { annasLine, INITIAL_RECORD, resetRooms, usePostgres } from './rooms.test-kit.ts';

const initial = INITIAL_RECORD;
const line = annasLine;
/** Long enough for the other session to reach the lock; well under DB_TIMEOUTS.lockMs. */
const WAIT_MS = 300;

/** Whether the promise is still pending after WAIT_MS (so it waits on a lock). */
async function pending(promise: Promise<unknown>): Promise<boolean> {
  const late = Symbol('pending');
  const first = await Promise.race([promise.then(() => null), Bun.sleep(WAIT_MS).then(() => late)]);
  return first === late;
}

describe.skipIf(!hasPostgres)('deleting a room while its chat is written (Postgres)', () => {
  const postgres = usePostgres();
  const pool = () => (postgres().db as unknown as { $client: Pool }).$client;
  const chatOf = (roomId: string) =>
    postgres().db.select().from(roomChat).where(eq(roomChat.roomId, roomId));
  beforeEach(async () => {
    await resetRooms(postgres().db, ['r1', 'r2']);
    const record = createPostgresRoomRecord(postgres().db, 'postgres');
    await record.appendChat('r1', line('before'), initial);
    await record.appendChat('r2', line('kept'), initial);
  });

  test('a batch stored first: the delete waits for it and takes its lines too', async () => {
    const writer = await pool().connect();
    try {
      await writer.query('BEGIN');
      const { rows } = await writer.query(
        `SELECT * FROM kino_append_chat(ARRAY['r1'], ARRAY['during'], ARRAY['text'],
          ARRAY['anna'], ARRAY['Анна'], ARRAY['during'], ARRAY[1]::float8[], ARRAY[1]::float8[],
          '{}', 100, false)`,
      );
      expect(rows).toEqual([{ ord: 0, line_cursor: '2', stored: true }]);
      const deleted = postgres().db.execute(sql`DELETE FROM rooms WHERE id = 'r1'`);
      expect(await pending(deleted)).toBe(true);
      await writer.query('COMMIT');
      await deleted;
    } finally {
      writer.release();
    }
    expect(await chatOf('r1')).toEqual([]);
    expect((await chatOf('r2')).map((r) => r.id)).toEqual(['kept']);
  });

  test('a delete first: the line waits for it, then fails (no room), and nothing is left', async () => {
    const record = createPostgresRoomRecord(postgres().db, 'postgres');
    const deleter = await pool().connect();
    let appended: Promise<unknown> | undefined;
    try {
      await deleter.query('BEGIN');
      await deleter.query(`DELETE FROM rooms WHERE id = 'r1'`);
      appended = record.appendChat('r1', line('after'), initial).then(
        () => 'stored',
        () => 'refused',
      );
      expect(await pending(appended)).toBe(true);
      await deleter.query('COMMIT');
    } finally {
      deleter.release();
    }
    expect(await appended).toBe('refused');
    expect(await chatOf('r1')).toEqual([]);
    const live = postgres().db.select().from(roomLive).where(eq(roomLive.roomId, 'r1'));
    expect(await live).toEqual([]);
  });
});
