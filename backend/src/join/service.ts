import { isRoomIdShaped } from '@kino/shared/ids';
import { and, eq } from 'drizzle-orm';
import { guardDb } from '../db/faults.ts';
import type { Db } from '../db/index.ts';
import { roomInvitees, rooms } from '../db/schema.ts';
import type { JoinPageData } from './page.ts';

/**
 * null for an unknown room (or a `roomId` that cannot be one). A token that isn't this
 * room's, or cannot be a token at all, is dropped, not trusted.
 */
export async function loadJoinPage(
  db: Db,
  roomId: unknown,
  inviteToken: unknown,
): Promise<JoinPageData | null> {
  if (typeof roomId !== 'string' || !isRoomIdShaped(roomId)) return null;
  const token = typeof inviteToken === 'string' && isRoomIdShaped(inviteToken) ? inviteToken : null;
  const [room] = await guardDb(() => db.select().from(rooms).where(eq(rooms.id, roomId)));
  if (!room) return null;
  const [invitee] = token
    ? await guardDb(() =>
        db
          .select({ token: roomInvitees.inviteToken })
          .from(roomInvitees)
          .where(and(eq(roomInvitees.roomId, roomId), eq(roomInvitees.inviteToken, token))),
      )
    : [];
  return {
    roomId: room.id,
    filmTitle: room.filmTitle,
    filmUrl: room.filmUrl,
    ownerName: room.ownerName,
    inviteToken: invitee?.token ?? null,
    allowLinkJoin: room.allowLinkJoin,
    closed: room.closedAt !== null,
  };
}
