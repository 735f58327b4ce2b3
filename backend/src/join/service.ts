import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/index.ts';
import { roomInvitees, rooms } from '../db/schema.ts';
import type { JoinPageData } from './page.ts';

/** null for an unknown room. A token that isn't this room's is dropped, not trusted. */
export async function loadJoinPage(
  db: Db,
  roomId: string,
  inviteToken: string | undefined,
): Promise<JoinPageData | null> {
  const [room] = await db.select().from(rooms).where(eq(rooms.id, roomId));
  if (!room) return null;
  const [invitee] = inviteToken
    ? await db
        .select({ token: roomInvitees.inviteToken })
        .from(roomInvitees)
        .where(and(eq(roomInvitees.roomId, roomId), eq(roomInvitees.inviteToken, inviteToken)))
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
