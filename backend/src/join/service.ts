import { isRoomIdShaped } from '@kino/shared/ids';
import { eq } from 'drizzle-orm';
import { guardDb } from '../db/faults.ts';
import type { Db } from '../db/index.ts';
import { rooms } from '../db/schema.ts';
import type { JoinPageData } from './page.ts';

/** null for an unknown room (or a `roomId` that cannot be one). */
export async function loadJoinPage(db: Db, roomId: unknown): Promise<JoinPageData | null> {
  if (typeof roomId !== 'string' || !isRoomIdShaped(roomId)) return null;
  const [room] = await guardDb(() => db.select().from(rooms).where(eq(rooms.id, roomId)));
  if (!room) return null;
  return {
    roomId: room.id,
    filmTitle: room.filmTitle,
    filmUrl: room.filmUrl,
    ownerName: room.ownerName,
    allowLinkJoin: room.allowLinkJoin,
    closed: room.closedAt !== null,
  };
}
