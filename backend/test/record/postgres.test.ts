/** The record on PGlite (the embedded default) and on a real Postgres database of its own. */
import { describe } from 'bun:test';
import { hasPostgres } from '@kino/test-support/services';
import { eq } from 'drizzle-orm';
import type { DbHandle } from '../../src/db/index.ts';
import { rooms } from '../../src/db/schema.ts';
import { createPostgresRoomRecord } from '../../src/record/postgres.ts';
import { CONTRACT_MAX_REACTIONS, roomRecordContract } from './contract.ts';
import { resetRooms, usePglite, usePostgres } from './rooms.test-kit.ts';

function harnessOn(handle: () => DbHandle) {
  return {
    async fresh() {
      const { db, kind } = handle();
      await resetRooms(db, ['r1', 'r2']);
      return createPostgresRoomRecord(db, kind, { maxReactions: CONTRACT_MAX_REACTIONS });
    },
    async touchedAt(roomId: string) {
      const [row] = await handle().db.select().from(rooms).where(eq(rooms.id, roomId));
      return row?.lastActivityAt.getTime();
    },
  };
}

describe('pglite', () => {
  roomRecordContract('pglite', harnessOn(usePglite()));
});

describe.skipIf(!hasPostgres)('postgres', () => {
  roomRecordContract('postgres', harnessOn(usePostgres()));
});
