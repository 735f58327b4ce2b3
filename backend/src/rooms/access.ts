/**
 * What the WebSocket hub (backend/src/realtime) needs from the durable room
 * records: who may join a room, and a log of every join and leave.
 * A database outage or timeout rejects with DependencyUnavailableError (db/faults.ts).
 */
import { isRoomIdShaped } from '@kino/shared/ids';
import { eq, sql } from 'drizzle-orm';
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

/**
 * The room and whether the user is invited or revoked, in one statement, prepared once per
 * database (parsed and planned once per pooled connection): it runs at every join, and a
 * reconnect storm (an instance gone, its members back at once) is thousands of joins. It was
 * three statements built anew each time, two of them after the first.
 */
const accessStatements = new WeakMap<Db, ReturnType<typeof accessStatement>>();

function accessStatement(db: Db) {
  const userId = sql.placeholder('userId');
  return db
    .select({
      room: rooms,
      isInvitee: sql<boolean>`exists (select 1 from ${roomInvitees} where ${roomInvitees.roomId} = ${rooms.id} and ${roomInvitees.userId} = ${userId})`,
      isRevoked: sql<boolean>`exists (select 1 from ${roomRevocations} where ${roomRevocations.roomId} = ${rooms.id} and ${roomRevocations.userId} = ${userId})`,
    })
    .from(rooms)
    .where(eq(rooms.id, sql.placeholder('roomId')))
    .prepare('kino_room_access');
}

/** null when the room does not exist (or `roomId` cannot be a room id at all). */
export async function getRoomAccess(
  db: Db,
  roomId: string,
  userId: string,
): Promise<RoomAccess | null> {
  if (!isRoomIdShaped(roomId)) return null;
  const prepared = accessStatements.get(db) ?? accessStatement(db);
  accessStatements.set(db, prepared);
  return guardDb(async () => {
    const [row] = await prepared.execute({ roomId, userId });
    if (!row) return null;
    const { room } = row;
    const isOwner = room.ownerId === userId;
    const isInvitee = !isOwner && row.isInvitee === true;
    const isRevoked = !isOwner && row.isRevoked === true;
    const member = (isOwner || isInvitee || room.allowLinkJoin) && !isRevoked;
    return { room, isOwner, isInvitee, isRevoked, allowed: member && room.closedAt === null };
  });
}

/**
 * A room's join/leave history in the order the events happened: two presence batches in flight
 * at once (presence-log.ts) commit in either order, so the row id alone only breaks ties.
 */
export async function listPresence(db: Db, roomId: string) {
  const rows = await guardDb(() =>
    db
      .select()
      .from(roomPresence)
      .where(eq(roomPresence.roomId, roomId))
      .orderBy(roomPresence.at, roomPresence.id),
  );
  return rows.map((r) => ({ ...r, at: r.at.getTime() }));
}
