/**
 * Whose a chat line is (migrations 0008, 0009): a line belongs to its room's record (deleting a
 * room deletes its record, on delete cascade, and that its chat, by a trigger), on PGlite and on a
 * real Postgres alike.
 */
import { afterAll, describe, expect, test } from 'bun:test';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { hasPostgres } from '@kino/test-support/services';
import { eq, sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { type Db, type DbHandle, MIGRATIONS_FOLDER } from '../../src/db/index.ts';
import { roomChat, roomLive, rooms } from '../../src/db/schema.ts';
import { createPostgresRoomRecord } from '../../src/record/postgres.ts';
import { annasLine, INITIAL_RECORD, resetRooms, usePglite, usePostgres } from './rooms.test-kit.ts';

const initial = INITIAL_RECORD;
const line = annasLine;
const chatRow = (roomId: string, cursor: number, kind = 'text') => ({
  roomId,
  cursor,
  id: `m${cursor}`,
  kind,
  userId: 'anna',
  name: 'Анна',
  text: 'привет',
  at: 1,
  position: 1,
});

function ownerSuite(handle: () => DbHandle) {
  test('deleting a room takes its record and every line of its chat', async () => {
    const { db, kind } = handle();
    await resetRooms(db, ['r1', 'r2']);
    const record = createPostgresRoomRecord(db, kind);
    for (const id of ['a', 'b', 'c']) await record.appendChat('r1', line(id), initial);
    await record.appendChat('r2', line('kept'), initial);
    await db.delete(rooms).where(eq(rooms.id, 'r1'));
    expect(await db.select().from(roomLive).where(eq(roomLive.roomId, 'r1'))).toEqual([]);
    expect(await db.select().from(roomChat).where(eq(roomChat.roomId, 'r1'))).toEqual([]);
    expect((await db.select().from(roomChat)).map((r) => r.id)).toEqual(['kept']);
  });

  test('deleting a record by itself (not the room) takes its chat too', async () => {
    const { db, kind } = handle();
    await resetRooms(db, ['r1', 'r2']);
    const record = createPostgresRoomRecord(db, kind);
    await record.appendChat('r1', line('a'), initial);
    await record.appendChat('r2', line('kept'), initial);
    await db.delete(roomLive).where(eq(roomLive.roomId, 'r1'));
    expect((await db.select().from(roomChat)).map((r) => r.id)).toEqual(['kept']);
    // The room's next line makes a new record and starts again at 1, with no old line beside it.
    const next = await record.appendChat('r1', line('b'), initial);
    expect(next.message.cursor).toBe(1);
  });
}

describe('pglite', () => {
  ownerSuite(usePglite());
});

describe.skipIf(!hasPostgres)('postgres', () => {
  ownerSuite(usePostgres());
});

/** A PGlite database with the migrations up to `last` (its journal cut there). */
async function migratedUpTo(folder: string, last: number) {
  cpSync(MIGRATIONS_FOLDER, folder, { recursive: true });
  const journalPath = join(folder, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8'));
  journal.entries = journal.entries.filter((e: { idx: number }) => e.idx <= last);
  writeFileSync(journalPath, JSON.stringify(journal));
  const client = new PGlite();
  const db = drizzle(client);
  await migrate(db, { migrationsFolder: folder });
  return { client, db };
}

describe('migration 0008 on a record made before it', () => {
  const folder = mkdtempSync(join(tmpdir(), 'kino-0008-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  test('a room with chat and no record gets one with its counters; no line is lost', async () => {
    // The migrations up to 0007 first, as a database made before 0008 has them.
    const { client, db } = await migratedUpTo(folder, 7);
    try {
      await db.execute(sql`INSERT INTO rooms (id, film_id, film_title, film_url, owner_id,
        owner_name, created_at, last_activity_at) VALUES ('old', 'f', 'F', 'http://f', 'anna',
        'Анна', now(), now())`);
      for (const [cursor, kind] of [
        [1, 'text'],
        [2, 'reaction'],
        [4, 'reaction'],
      ] as const) {
        const r = chatRow('old', cursor, kind);
        await db.execute(sql`INSERT INTO room_chat (room_id, cursor, id, kind, user_id, name,
          text, at, position) VALUES (${r.roomId}, ${r.cursor}, ${r.id}, ${r.kind}, ${r.userId},
          ${r.name}, ${r.text}, ${r.at}, ${r.position})`);
      }
      await migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
      const live = await db.execute(
        sql`SELECT chat_cursor, reaction_count FROM room_live WHERE room_id = 'old'`,
      );
      expect(live.rows).toEqual([{ chat_cursor: 4, reaction_count: 2 }]);
      const chat = await db.execute(sql`SELECT cursor FROM room_chat ORDER BY cursor`);
      expect(chat.rows.map((r) => Number((r as { cursor: unknown }).cursor))).toEqual([1, 2, 4]);
    } finally {
      await client.close();
    }
  }, 30_000);
});

describe('migration 0009 on chat stored before it', () => {
  const folder = mkdtempSync(join(tmpdir(), 'kino-0009-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  test('lines and counters stay; the next line follows them; deleting still takes the chat', async () => {
    const { client, db } = await migratedUpTo(folder, 8);
    try {
      await db.execute(sql`INSERT INTO rooms (id, film_id, film_title, film_url, owner_id,
        owner_name, created_at, last_activity_at) VALUES ('old', 'f', 'F', 'http://f', 'anna',
        'Анна', now(), now()), ('other', 'f', 'F', 'http://f', 'anna', 'Анна', now(), now())`);
      // Stored as 0008's kino_append_chat stores them (its jsonb lines).
      const appendAsBefore = (roomId: string, ords: number[]) => {
        const lines = ords.map((ord) => ({
          ...line(`${roomId}-${ord}`),
          ord,
          roomId,
          playing: false,
          playbackPosition: 0,
          playbackAt: 1,
          rate: 1,
          seq: 0,
          controlMode: 'everyone',
          bufferPolicy: 'wait',
          buffering: { hold: null, accounts: {} },
        }));
        return db.execute(sql`SELECT * FROM kino_append_chat(${JSON.stringify(lines)}::jsonb, 10)`);
      };
      for (const roomId of ['old', 'other']) await appendAsBefore(roomId, [0, 1]);
      await migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
      const cursors = await db.execute(sql`SELECT cursor FROM room_chat WHERE room_id = 'old'
        ORDER BY cursor`);
      expect(cursors.rows.map((r) => Number((r as { cursor: unknown }).cursor))).toEqual([1, 2]);
      // An instance still on the code before (a rolling deploy) goes on storing lines.
      await appendAsBefore('old', [2]);
      const record = createPostgresRoomRecord(db as unknown as Db, 'pglite');
      const next = await record.appendChat('old', line('new'), initial);
      expect(next).toMatchObject({ stored: true, message: { cursor: 4 } });
      const again = await record.appendChat('old', line('old-0'), initial);
      expect(again).toMatchObject({ stored: false, message: { cursor: 1 } });
      await db.execute(sql`DELETE FROM rooms WHERE id = 'old'`);
      const left = await db.execute(sql`SELECT room_id, count(*)::int AS n FROM room_chat
        GROUP BY room_id`);
      expect(left.rows).toEqual([{ room_id: 'other', n: 2 }]);
    } finally {
      await client.close();
    }
  }, 30_000);
});
