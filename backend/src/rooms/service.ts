/**
 * Rooms: read and close (creation is in create.ts). Plain functions taking only the
 * dependencies they use.
 */

import type { RoomView } from '@kino/shared/http/rooms';
import {
  ROOM_CLOSE_REASONS,
  type RoomCloseReason,
  type ServerMessageOf,
} from '@kino/shared/protocol';
import type { PlaybackState } from '@kino/shared/types';
import { and, eq, isNull } from 'drizzle-orm';
import type { AuthUser } from '../auth/verify.ts';
import { guardDb } from '../db/faults.ts';
import type { Db } from '../db/index.ts';
import { type InviteeRow, type RoomRow, roomInvitees, rooms } from '../db/schema.ts';
import { HttpError } from '../http/errors.ts';
import type { LiveStore } from '../live/types.ts';
import { dropPendingReminders } from '../schedule/reminders.ts';
import { getRoomAccess } from './access.ts';
import { guardLive } from './live-guard.ts';

export { getRoomAccess, type RoomAccess } from './access.ts';

/** The room's link: the same for everyone, since the server admits by signed-in account. */
export function joinUrl(publicUrl: string, roomId: string): string {
  return `${publicUrl}/join/${encodeURIComponent(roomId)}`;
}

export interface ReadRoomDeps {
  db: Db;
  live: LiveStore;
  publicUrl: string;
}

/** The room as `user` may see it: 404 unknown, 403 when neither owner nor invitee (nor link join). */
export async function getRoomForUser(
  deps: ReadRoomDeps,
  roomId: string,
  user: AuthUser,
): Promise<RoomView> {
  const access = await getRoomAccess(deps.db, roomId, user.id);
  if (!access) throw new HttpError(404, 'room_not_found', 'No such room');
  if (access.isRevoked) {
    throw new HttpError(403, 'room_revoked', 'The owner removed you from this room', {
      owner: { id: access.room.ownerId, name: access.room.ownerName },
      filmTitle: access.room.filmTitle,
      closed: access.room.closedAt !== null,
    });
  }
  if (!access.isOwner && !access.isInvitee && !access.room.allowLinkJoin) {
    // Whom to ask and for what: the join page shows the same to anyone with the link.
    const { room } = access;
    throw new HttpError(403, 'room_forbidden', 'You are not invited to this room', {
      owner: { id: room.ownerId, name: room.ownerName },
      filmTitle: room.filmTitle,
      closed: room.closedAt !== null,
    });
  }
  const invitees = await guardDb(() =>
    deps.db.select().from(roomInvitees).where(eq(roomInvitees.roomId, roomId)),
  );
  const open = access.room.closedAt === null;
  const [participants, playback] = open
    ? await guardLive(() =>
        Promise.all([deps.live.listParticipants(roomId), deps.live.getPlayback(roomId)]),
      )
    : [[], null];
  return toView(access.room, invitees, joinUrl(deps.publicUrl, roomId), participants, playback);
}

export interface CloseRoomDeps {
  db: Db;
  live: LiveStore;
  clock: () => number;
  instanceId: string;
}

/**
 * Marks the room closed (archived, rows kept), tells every instance's sockets,
 * and drops its live state. Returns false when it was already closed.
 */
export async function closeRoomNow(
  deps: CloseRoomDeps,
  roomId: string,
  reason: RoomCloseReason,
): Promise<boolean> {
  const closed = await guardDb(() =>
    deps.db
      .update(rooms)
      .set({ closedAt: new Date(deps.clock()), closeReason: reason })
      .where(and(eq(rooms.id, roomId), isNull(rooms.closedAt)))
      .returning({ id: rooms.id }),
  );
  if (closed.length === 0) return false;
  // A closed room's screening reminder must not go out.
  await guardDb(() => dropPendingReminders(deps.db, roomId));
  await announceClosed(deps, roomId, reason);
  return true;
}

/** Tells every instance's sockets the room is closed and drops its live state. Idempotent. */
export async function announceClosed(deps: CloseRoomDeps, roomId: string, reason: RoomCloseReason) {
  const message: ServerMessageOf<'room-closed'> = { type: 'room-closed', reason };
  await guardLive(async () => {
    await deps.live.publish({ roomId, origin: deps.instanceId, message });
    await deps.live.deleteRoom(roomId);
  });
}

/**
 * `POST /api/rooms/:id/close`: owner only; closing a closed room changes nothing but
 * announces it again, so a close whose announcement failed (Redis down) can be retried.
 */
export async function closeRoomByOwner(
  deps: CloseRoomDeps & ReadRoomDeps,
  roomId: string,
  user: AuthUser,
): Promise<RoomView> {
  const access = await getRoomAccess(deps.db, roomId, user.id);
  if (!access) throw new HttpError(404, 'room_not_found', 'No such room');
  if (!access.isOwner)
    throw new HttpError(403, 'not_room_owner', 'Only the owner can close the room');
  const changed = await closeRoomNow(deps, roomId, 'closed-by-owner');
  if (!changed) await announceClosed(deps, roomId, storedReason(access.room.closeReason));
  return getRoomForUser(deps, roomId, user);
}

function storedReason(reason: string | null): RoomCloseReason {
  return ROOM_CLOSE_REASONS.find((known) => known === reason) ?? 'closed-by-owner';
}

export function toView(
  room: RoomRow,
  invitees: InviteeRow[],
  link: string,
  participants: RoomView['participants'],
  playback: PlaybackState | null,
): RoomView {
  return {
    id: room.id,
    filmId: room.filmId,
    filmTitle: room.filmTitle,
    filmUrl: room.filmUrl,
    ownerId: room.ownerId,
    owner: { id: room.ownerId, name: room.ownerName },
    invitees: invitees.map((i) => ({ id: i.userId, name: i.name })),
    allowLinkJoin: room.allowLinkJoin,
    joinUrl: link,
    createdAt: room.createdAt.toISOString(),
    closedAt: room.closedAt?.toISOString() ?? null,
    startsAt: room.startsAt?.toISOString() ?? null,
    closeReason: room.closeReason,
    participants,
    playback,
  };
}
