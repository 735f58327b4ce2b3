/**
 * `hello`: authenticate, check access, admit the connection (room capacity, tabs per person,
 * the same tab replacing its old connection) and answer with the room's snapshot (`welcome`),
 * fitted into one frame. A resuming client names the newest cursor it holds without a gap
 * and gets the newest lines after it; what does not fit it fetches with `history`.
 */

import { isRoomIdShaped } from '@kino/shared/ids';
import {
  DISPLAY_NAME_MAX,
  fitListIntoFrame,
  normalizeDisplayName,
  type ServerMessageOf,
  wellFormed,
} from '@kino/shared/protocol';
import { activeHold, holdDeadline } from '@kino/shared/room/buffering';
import { canControl } from '@kino/shared/room/permissions';
import { compactPresence, fitParticipant, ROOM_CAPACITY } from '@kino/shared/room/presence';
import { isDependencyUnavailable } from '../faults/unavailable.ts';
import { sendKnocksAfterWelcome } from '../knock/realtime.ts';
import type { LiveParticipant } from '../live/types.ts';
import { wireParticipant } from '../live/wire.ts';
import type { RoomLiveRecord } from '../record/types.ts';
import { announcePresence } from './announce.ts';
import { applyBufferingPolicy } from './buffering.ts';
import type { Connection } from './connection.ts';
import { CATCH_UP_PAGE, CLOSE, WELCOME_CHAT_PAGE } from './limits.ts';
import type { PresenceRecord, VerifiedUser } from './ports.ts';
import type { HelloHandler, RoomIO } from './room-io.ts';
import { SERVER_VERSION } from './room-io.ts';
import { cachePlayback, loadRoom } from './room-state.ts';

export const handleHello: HelloHandler = async (io, connection, hello, arrival) => {
  if (connection.phase !== 'awaiting-hello') {
    io.fail(connection, 'invalid_message', 'already joined: send hello once per connection', {
      ref: 'hello',
    });
    return;
  }
  connection.phase = 'joining';
  try {
    await join(io, connection, hello, arrival);
  } catch (error) {
    // Auth keys, Postgres or Redis unreachable: a half-joined socket helps nobody, so the
    // client is told to come back and the cleanup removes any entry.
    if (isDependencyUnavailable(error)) {
      io.fail(connection, 'unavailable', `the ${error.dependency} is unavailable; retry shortly`, {
        ref: 'hello',
        fatal: { closeCode: CLOSE.tryAgainLater },
      });
      return;
    }
    io.logError('join failed', error);
    io.fail(connection, 'internal', 'the server could not join you to the room; retry shortly', {
      ref: 'hello',
      fatal: { closeCode: CLOSE.internalError },
    });
  }
};

/** A user id from the token we can store and send: well-formed, no control characters. */
function usableUserId(id: string): boolean {
  return id.length > 0 && id.length <= 128 && wellFormed(id) === id && !/\p{Cc}/u.test(id);
}

const join: HelloHandler = async (io, connection, hello) => {
  const { ports } = io;
  const deny = (code: 'unauthorized' | 'not_found', message: string) =>
    io.fail(connection, code, message, { ref: 'hello', fatal: { closeCode: CLOSE.denied } });
  // An id that cannot name a room never reaches the database.
  if (!isRoomIdShaped(hello.roomId)) return deny('not_found', 'No such room');
  const verified = await ports.verifyToken(hello.token);
  if (!verified.ok) return deny('unauthorized', verified.message);
  if (!usableUserId(verified.user.id))
    return deny('unauthorized', 'the token names no usable user');
  const user: VerifiedUser = {
    id: verified.user.id,
    name: normalizeDisplayName(verified.user.name, DISPLAY_NAME_MAX, verified.user.id),
  };
  const access = await ports.roomAccess(hello.roomId, user);
  if (!access.ok) {
    const closeCode = access.code === 'room_closed' ? CLOSE.roomClosed : CLOSE.denied;
    io.fail(connection, access.code, access.message, { ref: 'hello', fatal: { closeCode } });
    return;
  }
  const entry = fitParticipant<LiveParticipant>({
    userId: user.id,
    name: user.name,
    connectionId: connection.socket.id,
    instanceId: ports.instanceId,
    joinedAt: ports.now(),
    buffering: false,
    clientId: hello.clientId,
  });
  if (!entry) return deny('unauthorized', 'the token names a user id too long to show');
  if (connection.phase !== 'joining') return; // closed while we were checking

  const roomId = access.room.id;
  connection.joined = { room: access.room, isOwner: access.isOwner, participant: entry };
  // From here on the room's events are queued, then flushed after the welcome.
  connection.backlog = [];
  connection.phase = 'joined';
  // Watching the room on the bus first: everything read below is at least as new as the bus.
  await io.enterRoom(connection);

  await io.pruneStale(roomId);
  const admitted = await ports.live.joinParticipant(roomId, entry, ROOM_CAPACITY);
  if (!admitted.ok) {
    const message =
      admitted.code === 'room_full'
        ? `this room is full (${ROOM_CAPACITY.maxMembers} people)`
        : `this room is open in ${ROOM_CAPACITY.maxConnectionsPerMember} of your tabs already`;
    io.fail(connection, admitted.code, message, { ref: 'hello', fatal: { closeCode: CLOSE.full } });
    return;
  }
  connection.admitted = true;
  io.closeReplaced(roomId, admitted.replaces);
  await recordPresenceSafely(io, presenceRecord(connection, 'join', ports.now()));
  const { welcome, room } = await buildWelcome(io, connection, hello.lastCursor);
  io.send(connection, welcome);
  io.welcomed(connection, welcome.playback.seq);
  await sendKnocksAfterWelcome(io, connection);
  if (admitted.firstOfUser) {
    await announcePresence(io, roomId, { kind: 'join', userId: user.id, name: entry.name });
  }
  // A hold that ran out while no instance watched the room (all restarted) ends now; one that
  // has not is ended by this instance's sweep at its deadline (no other may be watching).
  if (activeHold(room.buffering, room.playback)) {
    io.noteHold(roomId, holdDeadline(room.buffering, room.playback));
    await applyBufferingPolicy(io, roomId, null);
  }
};

async function buildWelcome(
  io: RoomIO,
  connection: Connection,
  lastCursor: number | undefined,
): Promise<{ welcome: ServerMessageOf<'welcome'>; room: RoomLiveRecord }> {
  const { ports } = io;
  const joined = connection.joined!;
  const roomId = joined.room.id;
  const room = await loadRoom(io, roomId);
  cachePlayback(io, roomId, room.playback);
  const [presence, page] = await Promise.all([
    ports.live.presence(roomId),
    lastCursor === undefined
      ? ports.record.chatPage(roomId, { limit: WELCOME_CHAT_PAGE })
      : ports.record.chatPage(roomId, { after: lastCursor, limit: CATCH_UP_PAGE }),
  ]);
  // Lines up to here are in this welcome or reachable with `history`; newer ones come live.
  connection.chatFloor = Math.max(room.chatCursor, page.messages.at(-1)?.cursor ?? 0);
  const { participant, isOwner } = joined;
  const { message } = fitListIntoFrame(page.messages, (messages, cut) => ({
    type: 'welcome' as const,
    v: SERVER_VERSION,
    serverTime: ports.now(),
    you: {
      userId: participant.userId,
      name: participant.name,
      connectionId: connection.socket.id,
      isOwner,
      canControl: canControl(room.settings, isOwner),
    },
    room: { ...joined.room, settings: room.settings },
    playback: room.playback,
    participants: compactPresence(presence.entries.map(wireParticipant)),
    chat: { messages, hasMore: page.hasMore || cut },
  }));
  return { welcome: message, room };
}

export function presenceRecord(
  connection: Connection,
  kind: 'join' | 'leave',
  at: number,
): PresenceRecord {
  const joined = connection.joined!;
  return {
    roomId: joined.room.id,
    userId: joined.participant.userId,
    connectionId: connection.socket.id,
    kind,
    at,
  };
}

export async function recordPresenceSafely(io: RoomIO, record: PresenceRecord): Promise<void> {
  // The room history is a record, not a gate: a Postgres hiccup must not break the room.
  try {
    await io.ports.recordPresence(record);
  } catch (error) {
    io.logError(`recordPresence ${record.kind} failed`, error);
  }
}
