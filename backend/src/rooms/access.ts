/**
 * What the WebSocket hub (backend/src/realtime) needs from the durable room
 * records: who may join a room, and a log of every join and leave.
 * A database outage or timeout rejects with DependencyUnavailableError (db/faults.ts).
 */
import { isRoomIdShaped } from '@kino/shared/ids';
import { and, eq } from 'drizzle-orm';
import { guardDb } from '../db/faults.ts';
import type { Db } from '../db/index.ts';
import { type RoomRow, roomInvitees, roomPresence, roomRevocations, rooms } from '../db/schema.ts';

export interface RoomAccess {
  room: RoomRow;
  isOwner: boolean;
  isInvitee: boolean;
  /** The owner took this user out of the room (knock/revoke.ts): no door lets them back in. */
  isRevoked: boolean;
  /**
   * May join now: owner, invitee, or anyone when allowLinkJoin — not revoked, and the room is
   * not closed.
   */
  allowed: boolean;
}

/** null when the room does not exist (or `roomId` cannot be a room id at all). */
export async function getRoomAccess(
  db: Db,
  roomId: string,
  userId: string,
): Promise<RoomAccess | null> {
  if (!isRoomIdShaped(roomId)) return null;
  return guardDb(async () => {
    const [room] = await db.select().from(rooms).where(eq(rooms.id, roomId));
    if (!room) return null;
    const isOwner = room.ownerId === userId;
    const [[invitee], [revoked]] = isOwner
      ? [[], []]
      : await Promise.all([
          db
            .select({ userId: roomInvitees.userId })
            .from(roomInvitees)
            .where(and(eq(roomInvitees.roomId, roomId), eq(roomInvitees.userId, userId))),
          db
            .select({ userId: roomRevocations.userId })
            .from(roomRevocations)
            .where(and(eq(roomRevocations.roomId, roomId), eq(roomRevocations.userId, userId))),
        ]);
    const isInvitee = invitee !== undefined;
    const isRevoked = revoked !== undefined;
    const member = (isOwner || isInvitee || room.allowLinkJoin) && !isRevoked;
    return { room, isOwner, isInvitee, isRevoked, allowed: member && room.closedAt === null };
  });
}

export async function listPresence(db: Db, roomId: string) {
  const rows = await guardDb(() =>
    db.select().from(roomPresence).where(eq(roomPresence.roomId, roomId)).orderBy(roomPresence.id),
  );
  return rows.map((r) => ({ ...r, at: r.at.getTime() }));
}
