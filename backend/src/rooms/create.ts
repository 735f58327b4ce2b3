/**
 * Creating a room, in two phases so that a client told "503, try again" never finds the room
 * created anyway (and its friends invited twice when it does try again):
 *  - prepare: validation, quotas, the cinema's answers, the rows and mails to write. Nothing
 *    is written; the route may abandon it at its deadline.
 *  - commit: one transaction (room, invitees, their mails, the quota counted again under
 *    locks), never abandoned once started; bounded by the database's own timeouts.
 */
import type { CreateRoomInput, RoomView } from '@kino/shared/http/rooms';
import { DEFAULT_ROOM_SETTINGS } from '@kino/shared/room/permissions';
import { initialPlayback } from '@kino/shared/room/playback-commands';
import { scheduledPlayback } from '@kino/shared/schedule';
import type { PlaybackState } from '@kino/shared/types';
import type { AuthUser } from '../auth/verify.ts';
import type { Quotas } from '../config.ts';
import { guardDb } from '../db/faults.ts';
import type { Db } from '../db/index.ts';
import { type InviteeRow, type RoomRow, roomInvitees, roomLive, rooms } from '../db/schema.ts';
import type { Directory } from '../directory/types.ts';
import { HttpError } from '../http/errors.ts';
import type { LiveStore } from '../live/types.ts';
import type { LogFields } from '../log/logger.ts';
import { renderInviteMail } from '../mail/invite-template.ts';
import { newMessageId } from '../mail/message-id.ts';
import { enqueueMail, type QueuedMail } from '../mail/queue.ts';
import { liveRowOf } from '../schedule/live-row.ts';
import { checkStartsAt } from '../schedule/model.ts';
import { planScreeningCreate } from '../schedule/plan.ts';
import { filmOfRequest } from './film-of-request.ts';
import { newSecretId } from './ids.ts';
import { guardLive } from './live-guard.ts';
import { checkInviteeCount, enforceQuotas, lockQuotaSubjects, type QuotaRequest } from './quota.ts';
import { joinUrl, toView } from './service.ts';

export interface CreateRoomDeps {
  db: Db;
  directory: Directory;
  live: LiveStore;
  clock: () => number;
  publicUrl: string;
  quotas: Quotas;
  /** Domain part of the invites' Message-IDs (the sender's). */
  mailDomain: string;
  /** The From address: a scheduled screening's calendar organizer. */
  mailFrom: string;
  /** How long before a scheduled start the reminder goes out. */
  reminderLeadMs: number;
  log: (message: string, fields?: LogFields) => void;
}

/** Everything a room creation writes, decided and checked, not yet written. */
export interface PreparedRoom {
  room: RoomRow;
  invitees: InviteeRow[];
  mails: QueuedMail[];
  quota: QuotaRequest;
  /** The room's first playback: paused at 0, or playing from 0 at a scheduled start. */
  playback: PlaybackState;
}

export async function prepareRoom(
  deps: CreateRoomDeps,
  owner: AuthUser,
  input: CreateRoomInput,
): Promise<PreparedRoom> {
  const inviteeIds = [...new Set(input.invitees)];
  if (inviteeIds.includes(owner.id)) {
    throw new HttpError(422, 'invitee_is_owner', 'You cannot invite yourself', {
      userIds: [owner.id],
    });
  }
  checkInviteeCount(inviteeIds.length, deps.quotas);
  // A cheap early refusal of the owner's own quotas before asking the cinema anything; the
  // binding check, recipients included, runs in the commit.
  const early = { ownerId: owner.id, inviteCount: inviteeIds.length, recipients: [] };
  await guardDb(() => enforceQuotas(deps.db, deps.quotas, { ...early, now: deps.clock() }));

  const [film, friends, ownerProfile] = await Promise.all([
    filmOfRequest(deps.directory, input),
    deps.directory.getFriends(owner.id),
    deps.directory.getUser(owner.id),
  ]);
  const friendById = new Map(friends.map((f) => [f.id, f]));
  const strangers = inviteeIds.filter((id) => !friendById.has(id));
  if (strangers.length > 0) {
    throw new HttpError(422, 'invitee_not_friend', `Not your friends: ${strangers.join(', ')}`, {
      userIds: strangers,
    });
  }

  const now = deps.clock();
  const startsAt = input.startsAt === undefined ? null : checkStartsAt(input.startsAt, now);
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
    startsAt: startsAt === null ? null : new Date(startsAt),
    scheduleSequence: 0,
  };
  const profiles = new Map<string, { locale?: string; timeZone?: string }>();
  const invitees: InviteeRow[] = inviteeIds.map((id) => {
    const friend = friendById.get(id)!;
    profiles.set(id, { locale: friend.locale, timeZone: friend.timeZone });
    return {
      roomId,
      userId: id,
      name: friend.name,
      email: friend.email,
    };
  });
  const link = () => joinUrl(deps.publicUrl, roomId);
  const mails: QueuedMail[] =
    startsAt === null
      ? []
      : planScreeningCreate({
          roomId,
          filmTitle: film.title,
          filmDurationSec: film.durationSec,
          inviterName: ownerName,
          startsAt,
          sequence: 0,
          invitees: invitees.map((row) => ({
            ...row,
            ...profiles.get(row.userId),
            joinUrl: link(),
          })),
          now,
          reminderLeadMs: deps.reminderLeadMs,
          mailFrom: deps.mailFrom,
        });
  if (startsAt === null)
    mails.push(
      ...invitees.map((row) => ({
        to: row.email,
        messageId: newMessageId(deps.mailDomain),
        ...renderInviteMail({
          inviterName: ownerName,
          inviteeName: row.name,
          filmTitle: film.title,
          joinUrl: link(),
        }),
      })),
    );
  const quota = {
    ownerId: owner.id,
    inviteCount: invitees.length,
    recipients: invitees.map((r) => ({ id: r.userId, name: r.name })),
    now,
  };
  const playback = startsAt === null ? initialPlayback(now) : scheduledPlayback(startsAt, 0);
  return { room, invitees, mails, quota, playback };
}

export async function commitRoom(deps: CreateRoomDeps, prepared: PreparedRoom): Promise<RoomView> {
  const { room, invitees, mails, quota, playback } = prepared;
  // Room, invitees and their mails commit together: no room without its invites, no invite
  // without its room. The quota is counted again under locks, so instances can't race past it.
  await guardDb(() =>
    deps.db.transaction(async (tx) => {
      await lockQuotaSubjects(tx, quota);
      await enforceQuotas(tx, deps.quotas, quota);
      await tx.insert(rooms).values(room);
      if (invitees.length > 0) await tx.insert(roomInvitees).values(invitees);
      await enqueueMail(tx, mails, quota.now);
      // A scheduled room's record starts with its anchor in the future: the hub, the HTTP view
      // and every member read the start from it (backend/src/schedule).
      if (room.startsAt) await tx.insert(roomLive).values(liveRowOf(room.id, playback));
    }),
  );
  // The room exists now. Its live state is a convenience (the hub creates it on the first
  // join anyway), so a Redis hiccup here must not turn a created room into an error.
  await guardLive(() =>
    Promise.all([
      deps.live.initPlayback(room.id, playback),
      deps.live.setSettings(room.id, DEFAULT_ROOM_SETTINGS),
    ]),
  ).catch((error: unknown) =>
    deps.log('live state not initialised', { room: room.id, error: String(error) }),
  );
  return toView(room, invitees, joinUrl(deps.publicUrl, room.id), [], playback);
}
