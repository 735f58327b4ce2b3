/** The record's Postgres specs: a database of their own, rooms to write into. */
import { afterAll, beforeAll } from 'bun:test';
import { createTestDatabase, type TestDatabase } from '@kino/test-support/postgres';
import { type Db, type DbHandle, openPglite, openPostgres } from '../../src/db/index.ts';
import { roomChat, roomLive, rooms } from '../../src/db/schema.ts';

/** A room's record as its first line makes it (the record specs' rooms). */
export const INITIAL_RECORD = {
  playback: { playing: false, position: 0, at: 1_700_000_000_000, rate: 1, seq: 0 },
  settings: { controlMode: 'everyone' as const, bufferPolicy: 'wait' as const },
};

/** Anna's chat line (or reaction) whose text is its id. */
export const annasLine = (id: string, kind: 'text' | 'reaction' = 'text') => ({
  id,
  kind,
  userId: 'anna',
  name: 'Анна',
  text: id,
  at: 1_700_000_000_000,
  position: 1,
});

/** Empty record tables and the given rooms (Anna's, Night Train). */
export async function resetRooms(db: Db, ids: readonly string[]): Promise<void> {
  await db.delete(roomChat);
  await db.delete(roomLive);
  await db.delete(rooms);
  const now = new Date(1_700_000_000_000);
  await db.insert(rooms).values(
    ids.map((id) => ({
      id,
      filmId: 'night-train',
      filmTitle: 'Ночной поезд',
      filmUrl: 'http://localhost:3000/films/night-train',
      ownerId: 'anna',
      ownerName: 'Anna',
      createdAt: now,
      lastActivityAt: now,
    })),
  );
}

/** A throwaway migrated Postgres database for the enclosing `describe`; call inside it. */
export function usePostgres(): () => DbHandle {
  let database: TestDatabase | undefined;
  let handle: DbHandle | undefined;
  beforeAll(async () => {
    database = await createTestDatabase();
    handle = await openPostgres(database.url);
  });
  afterAll(async () => {
    await handle?.close();
    await database?.drop();
  });
  return () => {
    if (!handle) throw new Error('usePostgres: the database is not open yet');
    return handle;
  };
}

/** An embedded PGlite database (the development default) for the enclosing `describe`. */
export function usePglite(): () => DbHandle {
  let handle: DbHandle | undefined;
  beforeAll(async () => {
    handle = await openPglite();
  });
  afterAll(async () => {
    await handle?.close();
  });
  return () => {
    if (!handle) throw new Error('usePglite: the database is not open yet');
    return handle;
  };
}
