/**
 * The knocker's side over HTTP (`POST/GET /api/rooms/:id/knock`): who may knock, what the
 * cinema says about them (their e-mail for the invitee row, which room members are their
 * friends), and telling the owner's sockets that the list of requests changed.
 */
import { knockStatus } from '@kino/shared/knock/policy';
import type { KnockStatusReply, ServerMessageOf } from '@kino/shared/protocol';
import { eq } from 'drizzle-orm';
import type { AuthUser } from '../auth/verify.ts';
import { guardDb } from '../db/faults.ts';
import type { Db } from '../db/index.ts';
import { type KnockRow, type RoomRow, roomInvitees } from '../db/schema.ts';
import type { Directory } from '../directory/types.ts';
import { HttpError, retryAfterSeconds } from '../http/errors.ts';
import type { LiveStore } from '../live/types.ts';
import type { LogFields } from '../log/logger.ts';
import { getRoomAccess } from '../rooms/access.ts';
import { listPending, readKnock, recordOf, storeKnock } from './store.ts';

export interface KnockDeps {
  db: Db;
  live: LiveStore;
  directory: Directory;
  clock: () => number;
  instanceId: string;
  log: (message: string, fields?: LogFields) => void;
}

function reply(row: KnockRow, now: number): KnockStatusReply {
  return {
    status: knockStatus(recordOf(row), now),
    expiresAt: row.expiresAt.getTime(),
    serverTime: now,
  };
}

/** The room, when `user` may knock on it; the reasons they may not otherwise. */
async function knockableRoom(db: Db, roomId: string, user: AuthUser): Promise<RoomRow> {
  const access = await getRoomAccess(db, roomId, user.id);
  if (!access) throw new HttpError(404, 'room_not_found', 'No such room');
  const { room } = access;
  if (access.isRevoked) {
    throw new HttpError(403, 'room_revoked', 'The owner removed you from this room');
  }
  if (room.closedAt !== null) throw new HttpError(409, 'room_closed', 'This room has been closed');
  if (access.allowed) {
    throw new HttpError(409, 'already_member', 'You may join this room already: no need to knock');
  }
  return room;
}

/** `POST /api/rooms/:id/knock`: 201 with a new request, 200 with the pending one. */
export async function knock(
  deps: KnockDeps,
  roomId: string,
  user: AuthUser,
): Promise<{ created: boolean; status: KnockStatusReply }> {
  const room = await knockableRoom(deps.db, roomId, user);
  const now = deps.clock();
  const existing = await readKnock(deps.db, roomId, user.id);
  // Knocking again while pending is the same request: no call to the cinema for it.
  if (existing && knockStatus(recordOf(existing), now) === 'pending') {
    return { created: false, status: reply(existing, now) };
  }
  const about = await aboutKnocker(deps, room, user);
  const outcome = await storeKnock(deps.db, roomId, about, now);
  switch (outcome.kind) {
    case 'rate_limited': {
      const wait = retryAfterSeconds(outcome.retryAt - now);
      throw new HttpError(
        429,
        'knock_rate_limited',
        'You have knocked on this room often lately: try again later',
        { retryAfterSeconds: wait, retryAt: new Date(outcome.retryAt).toISOString() },
        wait,
      );
    }
    case 'queue_full':
      throw new HttpError(
        429,
        'knock_queue_full',
        'Many people are waiting to be let in: try again in a few minutes',
        { retryAfterSeconds: 60 },
        60,
      );
    case 'pending':
      return { created: false, status: reply(outcome.row, now) };
    case 'new':
      deps.log('knock', { room: roomId });
      await tellOwner(deps, roomId);
      return { created: true, status: reply(outcome.row, now) };
  }
}

/** `GET /api/rooms/:id/knock`: the user's latest request (404 knock_not_found without one). */
export async function knockStatusOf(
  deps: Pick<KnockDeps, 'db' | 'clock'>,
  roomId: string,
  user: AuthUser,
): Promise<KnockStatusReply> {
  const access = await getRoomAccess(deps.db, roomId, user.id);
  if (!access) throw new HttpError(404, 'room_not_found', 'No such room');
  if (access.isRevoked) {
    throw new HttpError(403, 'room_revoked', 'The owner removed you from this room');
  }
  const row = await readKnock(deps.db, roomId, user.id);
  if (!row) throw new HttpError(404, 'knock_not_found', 'You have not knocked on this room');
  return reply(row, deps.clock());
}

/**
 * The knocker's e-mail and which room members the cinema lists as their friends. The card is
 * useful without them: a cinema that is away leaves both empty rather than refusing the knock.
 */
async function aboutKnocker(deps: KnockDeps, room: RoomRow, user: AuthUser) {
  try {
    const [profile, friends, invitees] = await Promise.all([
      deps.directory.getUser(user.id),
      deps.directory.getFriends(user.id),
      guardDb(() =>
        deps.db
          .select({ userId: roomInvitees.userId, name: roomInvitees.name })
          .from(roomInvitees)
          .where(eq(roomInvitees.roomId, room.id)),
      ),
    ]);
    const friendIds = new Set(friends.map((f) => f.id));
    const members = [{ userId: room.ownerId, name: room.ownerName }, ...invitees];
    return {
      id: user.id,
      name: user.name,
      email: profile?.email ?? '',
      friendOf: members.filter((m) => friendIds.has(m.userId)).map((m) => m.name),
    };
  } catch (error) {
    deps.log('knock: the cinema did not say who the knocker is', { error: String(error) });
    return { id: user.id, name: user.name, email: '', friendOf: [] };
  }
}

/**
 * Sends the room's pending requests to its owner's sockets on every instance (the hub's
 * fanout hands `knocks` to owner connections only). Best effort: the owner's next welcome
 * carries the list anyway, and the knocker keeps waiting meanwhile.
 */
export async function tellOwner(
  deps: Pick<KnockDeps, 'db' | 'live' | 'clock' | 'instanceId' | 'log'>,
  roomId: string,
): Promise<void> {
  try {
    const requests = await listPending(deps.db, roomId, deps.clock());
    const message: ServerMessageOf<'knocks'> = { type: 'knocks', requests };
    await deps.live.publish({ roomId, origin: deps.instanceId, message });
  } catch (error) {
    deps.log('knock: telling the owner failed', { error: String(error) });
  }
}
