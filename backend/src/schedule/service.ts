/**
 * Rescheduling and cancelling a scheduled screening (owner only, before it starts).
 * Each is one transaction: the room row (start, SEQUENCE + 1), the record's anchor
 * (compare-and-set: only while it still waits for the start, so a room someone started early
 * is never moved back), the pending reminders replaced, and the calendar mails queued. Then
 * the new anchor is announced to every instance's sockets, like any playback change.
 */
import type { ServerMessage } from '@kino/shared/protocol';
import { scheduledPlayback } from '@kino/shared/schedule';
import type { PlaybackState } from '@kino/shared/types';
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { AuthUser } from '../auth/verify.ts';
import { guardDb } from '../db/faults.ts';
import type { Db } from '../db/index.ts';
import { roomInvitees, roomLive, rooms } from '../db/schema.ts';
import type { AppDeps } from '../deps.ts';
import type { Directory } from '../directory/types.ts';
import { HttpError } from '../http/errors.ts';
import type { LiveStore } from '../live/types.ts';
import { enqueueMail, type QueuedMail } from '../mail/queue.ts';
import { getRoomAccess } from '../rooms/access.ts';
import { guardLive } from '../rooms/live-guard.ts';
import { announceClosed, closeRoomByOwner, joinUrl } from '../rooms/service.ts';
import { checkStartsAt } from './model.ts';
import { planScreeningCancel, planScreeningUpdate, type ScreeningPlanInput } from './plan.ts';
import { dropPendingReminders } from './reminders.ts';

export interface ScheduleDeps {
  db: Db;
  live: LiveStore;
  directory: Directory;
  clock: () => number;
  publicUrl: string;
  instanceId: string;
  mailFrom: string;
  reminderLeadMs: number;
}

/** The schedule's dependencies out of the app's (read per request: the public URL comes late). */
export function scheduleDepsOf(deps: AppDeps): ScheduleDeps {
  return {
    db: deps.db,
    live: deps.live,
    directory: deps.directory,
    clock: deps.clock,
    publicUrl: deps.config.publicUrl,
    instanceId: deps.instanceId,
    mailFrom: deps.config.mailFrom,
    reminderLeadMs: deps.config.screeningReminderSeconds * 1000,
  };
}

/** The owner's scheduled room that has not started yet, or the right refusal. */
async function pendingScreening(deps: ScheduleDeps, roomId: string, user: AuthUser) {
  const access = await getRoomAccess(deps.db, roomId, user.id);
  if (!access) throw new HttpError(404, 'room_not_found', 'No such room');
  if (!access.isOwner) {
    throw new HttpError(403, 'not_room_owner', 'Only the owner can change the screening');
  }
  const { room } = access;
  if (room.closedAt) throw new HttpError(409, 'room_closed', 'The room is closed');
  if (!room.startsAt) throw new HttpError(409, 'not_scheduled', 'The room was not scheduled');
  if (room.startsAt.getTime() <= deps.clock()) {
    throw new HttpError(409, 'already_started', 'The screening has started');
  }
  return room;
}

/** Everything the mails need: the invitees with their links, languages and zones. */
async function planInput(
  deps: ScheduleDeps,
  room: NonNullable<Awaited<ReturnType<typeof pendingScreening>>>,
  startsAt: number,
  sequence: number,
): Promise<ScreeningPlanInput> {
  const [invitees, friends, film] = await Promise.all([
    guardDb(() => deps.db.select().from(roomInvitees).where(eq(roomInvitees.roomId, room.id))),
    deps.directory.getFriends(room.ownerId),
    deps.directory.getFilm(room.filmId),
  ]);
  const profile = new Map(friends.map((f) => [f.id, f]));
  return {
    roomId: room.id,
    filmTitle: room.filmTitle,
    filmDurationSec: film?.durationSec ?? 2 * 3600,
    inviterName: room.ownerName,
    startsAt,
    sequence,
    invitees: invitees.map((row) => ({
      name: row.name,
      email: row.email,
      locale: profile.get(row.userId)?.locale,
      timeZone: profile.get(row.userId)?.timeZone,
      joinUrl: joinUrl(deps.publicUrl, room.id),
    })),
    now: deps.clock(),
    reminderLeadMs: deps.reminderLeadMs,
    mailFrom: deps.mailFrom,
  };
}

const conflict = () => new HttpError(409, 'already_started', 'The screening has started');

/** The room row as it was read: open, same schedule sequence (an optimistic lock). */
const stillAsRead = (room: { id: string; scheduleSequence: number }) =>
  and(
    eq(rooms.id, room.id),
    isNull(rooms.closedAt),
    eq(rooms.scheduleSequence, room.scheduleSequence),
  );

const changedMeanwhile = () =>
  new HttpError(409, 'schedule_changed', 'The screening changed meanwhile');

export async function reschedule(
  deps: ScheduleDeps,
  roomId: string,
  user: AuthUser,
  startsAtText: string,
): Promise<void> {
  const room = await pendingScreening(deps, roomId, user);
  const startsAt = checkStartsAt(startsAtText, deps.clock());
  const sequence = room.scheduleSequence + 1;
  const mails: QueuedMail[] = planScreeningUpdate(await planInput(deps, room, startsAt, sequence));
  const now = deps.clock();
  const next = await guardDb(() =>
    deps.db.transaction(async (tx) => {
      // Still waiting for its start: playing, anchored in the future.
      const [moved] = await tx
        .update(roomLive)
        .set({ at: startsAt, seq: sql`${roomLive.seq} + 1` })
        .where(and(eq(roomLive.roomId, roomId), eq(roomLive.playing, true), gt(roomLive.at, now)))
        .returning({ seq: roomLive.seq });
      if (!moved) throw conflict();
      const [updated] = await tx
        .update(rooms)
        .set({ startsAt: new Date(startsAt), scheduleSequence: sequence })
        .where(stillAsRead(room))
        .returning({ id: rooms.id });
      if (!updated) throw changedMeanwhile();
      await dropPendingReminders(tx, roomId);
      await enqueueMail(tx, mails, now);
      return scheduledPlayback(startsAt, moved.seq);
    }),
  );
  await announcePlayback(deps, roomId, next);
}

export async function cancelScreening(
  deps: ScheduleDeps,
  roomId: string,
  user: AuthUser,
): Promise<void> {
  const room = await pendingScreening(deps, roomId, user);
  const sequence = room.scheduleSequence + 1;
  const startsAt = room.startsAt!.getTime();
  const mails = planScreeningCancel(await planInput(deps, room, startsAt, sequence));
  const now = deps.clock();
  await guardDb(() =>
    deps.db.transaction(async (tx) => {
      const [closed] = await tx
        .update(rooms)
        .set({
          closedAt: new Date(now),
          closeReason: 'closed-by-owner',
          scheduleSequence: sequence,
        })
        .where(stillAsRead(room))
        .returning({ id: rooms.id });
      if (!closed) throw changedMeanwhile();
      await dropPendingReminders(tx, roomId);
      await enqueueMail(tx, mails, now);
    }),
  );
  await announceClosed(deps, roomId, 'closed-by-owner');
}

/** Every instance's members get the new anchor; the live copy follows the record. */
async function announcePlayback(deps: ScheduleDeps, roomId: string, playback: PlaybackState) {
  const message: ServerMessage = { type: 'playback', playback, cause: null };
  await guardLive(async () => {
    await deps.live.cachePlayback(roomId, playback);
    await deps.live.publish({ roomId, origin: deps.instanceId, message });
  }).catch(() => {
    // The record has it: members get it on their next welcome or command; not worth a 503.
  });
}

/**
 * `POST /api/rooms/:id/close`: a screening that has not started closes as its cancel does (the
 * invitees' calendars are told, not left holding a screening that will never be); any other
 * room just closes. Returns whether mails were queued.
 */
export async function closeRoomOrScreening(
  deps: ScheduleDeps,
  roomId: string,
  user: AuthUser,
): Promise<boolean> {
  const access = await getRoomAccess(deps.db, roomId, user.id);
  const room = access?.isOwner ? access.room : null;
  if (room && !room.closedAt && room.startsAt && room.startsAt.getTime() > deps.clock()) {
    try {
      await cancelScreening(deps, roomId, user);
      return true;
    } catch (error) {
      // It started (or changed) meanwhile: then it closes as any room does.
      if (!(error instanceof HttpError && error.status === 409)) throw error;
    }
  }
  await closeRoomByOwner(deps, roomId, user);
  return false;
}
