/**
 * Rooms: create (with invites queued in the same transaction), read, close.
 * Plain functions taking only the dependencies they use.
 */
import {
  ROOM_CLOSE_REASONS,
  type RoomCloseReason,
  type ServerMessageOf,
} from '@kino/shared/protocol';
import type { PlaybackState, RoomSettings } from '@kino/shared/types';
import { and, eq, isNull } from 'drizzle-orm';
import type { AuthUser } from '../auth/verify.ts';
import type { Quotas } from '../config.ts';
import { guardDb } from '../db/faults.ts';
import type { Db } from '../db/index.ts';
import { type InviteeRow, type RoomRow, roomInvitees, rooms } from '../db/schema.ts';
import type { Directory } from '../directory/types.ts';
import { HttpError } from '../http/errors.ts';
import type { LiveStore } from '../live/types.ts';
import { renderInviteMail } from '../mail/invite-template.ts';
import { newMessageId } from '../mail/message-id.ts';
import { enqueueMail } from '../mail/queue.ts';
import { getRoomAccess } from './access.ts';
import { newSecretId } from './ids.ts';
import { guardLive } from './live-guard.ts';
import type { CreateRoomInput, RoomView } from './model.ts';
import { checkInviteeCount, enforceQuotas, lockQuotaSubjects } from './quota.ts';

export { getRoomAccess, type RoomAccess, recordPresence } from './access.ts';

export const DEFAULT_SETTINGS: RoomSettings = { controlMode: 'everyone', bufferPolicy: 'wait' };

export function initialPlayback(now: number): PlaybackState {
  return { playing: false, position: 0, at: now, rate: 1, seq: 0 };
}

export function joinUrl(publicUrl: string, roomId: string, inviteToken?: string): string {
  const base = `${publicUrl}/join/${encodeURIComponent(roomId)}`;
  return inviteToken ? `${base}?invite=${encodeURIComponent(inviteToken)}` : base;
}

export interface CreateRoomDeps {
  db: Db;
  directory: Directory;
  live: LiveStore;
  clock: () => number;
  publicUrl: string;
  quotas: Quotas;
  /** Domain part of the invites' Message-IDs (the sender's). */
  mailDomain: string;
  log: (message: string) => void;
}

export async function createRoom(
  deps: CreateRoomDeps,
  owner: AuthUser,
  input: CreateRoomInput,
): Promise<RoomView> {
  const invitees = [...new Set(input.invitees)];
  if (invitees.includes(owner.id)) {
    throw new HttpError(422, 'invitee_is_owner', 'You cannot invite yourself', {
      userIds: [owner.id],
    });
  }
  checkInviteeCount(invitees.length, deps.quotas);
  // A cheap early refusal of the owner's own quotas before asking the cinema anything; the
  // binding check, recipients included, runs in the transaction below.
  const early = { ownerId: owner.id, inviteCount: invitees.length, recipients: [] };
  await guardDb(() => enforceQuotas(deps.db, deps.quotas, { ...early, now: deps.clock() }));

  const [film, friends, ownerProfile] = await Promise.all([
    deps.directory.getFilm(input.filmId),
    deps.directory.getFriends(owner.id),
    deps.directory.getUser(owner.id),
  ]);
  if (!film) throw new HttpError(404, 'film_not_found', `Unknown film "${input.filmId}"`);
  const friendById = new Map(friends.map((f) => [f.id, f]));
  const strangers = invitees.filter((id) => !friendById.has(id));
  if (strangers.length > 0) {
    throw new HttpError(422, 'invitee_not_friend', `Not your friends: ${strangers.join(', ')}`, {
      userIds: strangers,
    });
  }

  const now = deps.clock();
  const roomId = newSecretId();
  const ownerName = ownerProfile?.name ?? owner.name;
  const room: RoomRow = {
    id: roomId,
    filmId: film.id,
    filmTitle: film.title,
    filmUrl: film.url,
    ownerId: owner.id,
    ownerName,
    allowLinkJoin: input.allowLinkJoin ?? false,
    createdAt: new Date(now),
    lastActivityAt: new Date(now),
    closedAt: null,
    closeReason: null,
  };
  const inviteeRows: InviteeRow[] = invitees.map((id) => {
    const friend = friendById.get(id)!;
    return {
      roomId,
      userId: id,
      name: friend.name,
      email: friend.email,
      inviteToken: newSecretId(),
    };
  });
  const mails = inviteeRows.map((row) => ({
    to: row.email,
    messageId: newMessageId(deps.mailDomain),
    ...renderInviteMail({
      inviterName: ownerName,
      inviteeName: row.name,
      filmTitle: film.title,
      joinUrl: joinUrl(deps.publicUrl, roomId, row.inviteToken),
    }),
  }));

  // Room, invitees and their mails commit together: no room without its invites, no invite
  // without its room. The quota is counted again under locks, so instances can't race past it.
  const quota = {
    ownerId: owner.id,
    inviteCount: inviteeRows.length,
    recipients: inviteeRows.map((r) => ({ id: r.userId, name: r.name })),
    now,
  };
  await guardDb(() =>
    deps.db.transaction(async (tx) => {
      await lockQuotaSubjects(tx, quota);
      await enforceQuotas(tx, deps.quotas, quota);
      await tx.insert(rooms).values(room);
      if (inviteeRows.length > 0) await tx.insert(roomInvitees).values(inviteeRows);
      await enqueueMail(tx, mails, now);
    }),
  );
  // The room exists now. Its live state is a convenience (the hub creates it on the first
  // join anyway), so a Redis hiccup here must not turn a created room into an error.
  await guardLive(() =>
    Promise.all([
      deps.live.initPlayback(roomId, initialPlayback(now)),
      deps.live.setSettings(roomId, DEFAULT_SETTINGS),
    ]),
  ).catch((error: unknown) => deps.log(`room ${roomId}: live state not initialised: ${error}`));
  return toView(room, inviteeRows, joinUrl(deps.publicUrl, roomId), [], initialPlayback(now));
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
  if (!access.isOwner && !access.isInvitee && !access.room.allowLinkJoin) {
    throw new HttpError(403, 'room_forbidden', 'You are not invited to this room');
  }
  const invitees = await guardDb(() =>
    deps.db.select().from(roomInvitees).where(eq(roomInvitees.roomId, roomId)),
  );
  const own = invitees.find((i) => i.userId === user.id);
  const open = access.room.closedAt === null;
  const [participants, playback] = open
    ? await guardLive(() =>
        Promise.all([deps.live.listParticipants(roomId), deps.live.getPlayback(roomId)]),
      )
    : [[], null];
  return toView(
    access.room,
    invitees,
    joinUrl(deps.publicUrl, roomId, own?.inviteToken),
    participants,
    playback,
  );
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
  await announceClosed(deps, roomId, reason);
  return true;
}

/** Tells every instance's sockets the room is closed and drops its live state. Idempotent. */
async function announceClosed(deps: CloseRoomDeps, roomId: string, reason: RoomCloseReason) {
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

function toView(
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
    closeReason: room.closeReason,
    participants,
    playback,
  };
}
