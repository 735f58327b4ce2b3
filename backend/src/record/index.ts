import type { DbHandle } from '../db/index.ts';
import { createPostgresRoomRecord } from './postgres.ts';
import type { RoomRecord } from './types.ts';

export { createMemoryRoomRecord } from './memory.ts';
export type { RoomLiveRecord, RoomRecord } from './types.ts';

/** The record on the app's database (Postgres, or PGlite embedded). */
export function createRoomRecord(db: DbHandle['db'], kind: DbHandle['kind']): RoomRecord {
  return createPostgresRoomRecord(db, kind);
}
