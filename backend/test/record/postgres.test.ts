/** The record on PGlite (the embedded default) and on a real Postgres database of its own. */
import { afterAll, beforeAll, describe } from 'bun:test';
import { createTestDatabase, type TestDatabase } from '@kino/test-support/postgres';
import { hasPostgres } from '@kino/test-support/services';
import { eq } from 'drizzle-orm';
import { type DbHandle, openPglite, openPostgres } from '../../src/db/index.ts';
import { roomChat, roomLive, rooms } from '../../src/db/schema.ts';
import { createPostgresRoomRecord } from '../../src/record/postgres.ts';
import { CONTRACT_MAX_REACTIONS, roomRecordContract } from './contract.ts';

function harnessOn(handle: () => DbHandle) {
  return {
    async fresh() {
      const { db, kind } = handle();
      await db.delete(roomChat);
      await db.delete(roomLive);
      await db.delete(rooms);
      const now = new Date(1_700_000_000_000);
      for (const id of ['r1', 'r2']) {
        await db.insert(rooms).values({
          id,
          filmId: 'night-train',
          filmTitle: 'Ночной поезд',
          filmUrl: 'http://localhost:3000/films/night-train',
          ownerId: 'anna',
          ownerName: 'Anna',
          createdAt: now,
          lastActivityAt: now,
        });
      }
      return createPostgresRoomRecord(db, kind, { maxReactions: CONTRACT_MAX_REACTIONS });
    },
    async touchedAt(roomId: string) {
      const [row] = await handle().db.select().from(rooms).where(eq(rooms.id, roomId));
      return row?.lastActivityAt.getTime();
    },
  };
}

describe('pglite', () => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await openPglite();
  });
  afterAll(async () => {
    await handle?.close();
  });
  roomRecordContract(
    'pglite',
    harnessOn(() => handle),
  );
});

describe.skipIf(!hasPostgres)('postgres', () => {
  let database: TestDatabase;
  let handle: DbHandle;
  beforeAll(async () => {
    database = await createTestDatabase();
    handle = await openPostgres(database.url);
  });
  afterAll(async () => {
    await handle?.close();
    await database?.drop();
  });
  roomRecordContract(
    'postgres',
    harnessOn(() => handle),
  );
});
