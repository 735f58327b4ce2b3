/**
 * Whose a chat line is (migration 0008): a line belongs to its room's record (room_chat →
 * room_live → rooms, each on delete cascade), on PGlite and on a real Postgres alike.
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
import { type DbHandle, MIGRATIONS_FOLDER } from '../../src/db/index.ts';
import { roomChat, roomLive, rooms } from '../../src/db/schema.ts';
import { pgCode } from '../../src/record/errors.ts';
import { createPostgresRoomRecord } from '../../src/record/postgres.ts';
import { resetRooms, usePglite, usePostgres } from './rooms.test-kit.ts';

const initial = {
  playback: { playing: false, position: 0, at: 1_700_000_000_000, rate: 1, seq: 0 },
  settings: { controlMode: 'everyone' as const, bufferPolicy: 'wait' as const },
};
const line = (id: string, kind: 'text' | 'reaction' = 'text') => ({
  id,
  kind,
  userId: 'anna',
  name: 'Анна',
  text: id,
  at: 1_700_000_000_000,
  position: 1,
});
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

  test('a line cannot be stored for a room without its record', async () => {
    const { db } = handle();
    await resetRooms(db, ['r1']);
    const error = await db
      .insert(roomChat)
      .values(chatRow('r1', 1))
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(pgCode(error)).toBe('23503');
  });
}

describe('pglite', () => {
  ownerSuite(usePglite());
});

describe.skipIf(!hasPostgres)('postgres', () => {
  ownerSuite(usePostgres());
});

describe('migration 0008 on a record made before it', () => {
  const folder = mkdtempSync(join(tmpdir(), 'kino-0008-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  test('a room with chat and no record gets one with its counters; no line is lost', async () => {
    // The migrations up to 0007 first, as a database made before 0008 has them.
    cpSync(MIGRATIONS_FOLDER, folder, { recursive: true });
    const journalPath = join(folder, 'meta', '_journal.json');
    const journal = JSON.parse(readFileSync(journalPath, 'utf8'));
    journal.entries = journal.entries.filter((e: { idx: number }) => e.idx <= 7);
    writeFileSync(journalPath, JSON.stringify(journal));
    const client = new PGlite();
    try {
      const db = drizzle(client);
      await migrate(db, { migrationsFolder: folder });
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
