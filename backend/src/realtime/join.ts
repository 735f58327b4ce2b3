/**
 * `hello`: authenticate, check access, register the participant and answer with the
 * room's snapshot (`welcome`). Resuming clients name their newest chat cursor and get
 * everything after it instead of the last page.
 */

import { DISPLAY_NAME_MAX } from '@kino/shared/protocol';
import { canControl, DEFAULT_ROOM_SETTINGS } from '@kino/shared/room/permissions';
import { initialPlayback } from '@kino/shared/room/playback-commands';
import type { ChatMessage, Participant, RoomSettings } from '@kino/shared/types';
import type { ChatPage, LiveStore } from '../live/types.ts';
import type { Connection } from './connection.ts';
import { CATCH_UP_MAX, CLOSE, WELCOME_CHAT_PAGE } from './limits.ts';
import type { PresenceRecord } from './ports.ts';
import type { Handler, RoomIO } from './room-io.ts';
import { SERVER_VERSION } from './room-io.ts';

export async function roomSettings(live: LiveStore, roomId: string): Promise<RoomSettings> {
  return (await live.getSettings(roomId)) ?? DEFAULT_ROOM_SETTINGS;
}

/** Every message with cursor > `after`, oldest first (at most CATCH_UP_MAX, newest kept). */
export async function chatAfter(live: LiveStore, roomId: string, after: number): Promise<ChatPage> {
  const collected: ChatMessage[] = [];
  let before: number | undefined;
  for (;;) {
    const page = await live.chatPage(roomId, { before, limit: 100 });
    const newer = page.messages.filter((m) => m.cursor > after);
    collected.unshift(...newer);
    const reachedKnown = newer.length < page.messages.length;
    const first = page.messages[0];
    if (reachedKnown || !page.hasMore || !first) return { messages: collected, hasMore: false };
    if (collected.length >= CATCH_UP_MAX) {
      return { messages: collected.slice(-CATCH_UP_MAX), hasMore: true };
    }
    before = first.cursor;
  }
}

export const handleHello: Handler<'hello'> = async (io, connection, hello) => {
  if (connection.phase !== 'awaiting-hello') {
    io.fail(connection, 'invalid_message', 'already joined: send hello once per connection');
    return;
  }
  connection.phase = 'joining';
  try {
    await join(io, connection, hello);
  } catch (error) {
    // Auth keys, Postgres or Redis unreachable: a half-joined socket helps nobody, so the
    // client is told to come back (1011 is retryable) and the cleanup removes any entry.
    (io.ports.logError ?? console.error)('join failed', error);
    io.fail(connection, 'internal', 'the server could not join you to the room; retry shortly', {
      fatal: { closeCode: CLOSE.internalError },
    });
  }
};

const join: Handler<'hello'> = async (io, connection, hello) => {
  const { ports } = io;
  const verified = await ports.verifyToken(hello.token);
  if (!verified.ok) {
    io.fail(connection, 'unauthorized', verified.message, { fatal: { closeCode: CLOSE.denied } });
    return;
  }
  // Names come from the cinema's token; the protocol caps them, so every welcome stays valid.
  const user = { id: verified.user.id, name: verified.user.name.slice(0, DISPLAY_NAME_MAX) };
  const access = await ports.roomAccess(hello.roomId, user, hello.invite);
  if (!access.ok) {
    const closeCode = access.code === 'room_closed' ? CLOSE.roomClosed : CLOSE.denied;
    io.fail(connection, access.code, access.message, { fatal: { closeCode } });
    return;
  }
  if (connection.phase !== 'joining') return; // closed while we were checking

  const roomId = access.room.id;
  const now = ports.now();
  const participant: Participant = {
    userId: user.id,
    name: user.name,
    connectionId: connection.socket.id,
    instanceId: ports.instanceId,
    joinedAt: now,
    buffering: false,
  };
  connection.joined = { room: access.room, isOwner: access.isOwner, participant };
  // From here on bus messages for the room are queued, then flushed after the welcome.
  connection.backlog = [];
  connection.phase = 'joined';
  io.enterRoom(connection);

  await io.pruneStale(roomId);
  await ports.live.putParticipant(roomId, participant);
  await recordPresenceSafely(io, {
    roomId,
    userId: user.id,
    connectionId: connection.socket.id,
    kind: 'join',
    at: now,
  });
  const [settings, playback, participants, chat] = await Promise.all([
    roomSettings(ports.live, roomId),
    ports.live.initPlayback(roomId, initialPlayback(now)),
    ports.live.listParticipants(roomId),
    hello.lastCursor === undefined
      ? ports.live.chatPage(roomId, { limit: WELCOME_CHAT_PAGE })
      : chatAfter(ports.live, roomId, hello.lastCursor),
  ]);
  io.send(connection, {
    type: 'welcome',
    v: SERVER_VERSION,
    serverTime: ports.now(),
    you: {
      userId: user.id,
      name: user.name,
      connectionId: connection.socket.id,
      isOwner: access.isOwner,
      canControl: canControl(settings, access.isOwner),
    },
    room: { ...access.room, settings },
    playback,
    participants,
    chat,
  });
  flushBacklog(connection);
  await io.publish(roomId, {
    type: 'presence',
    participants,
    event: { kind: 'join', userId: user.id, name: user.name },
  });
};

function flushBacklog(connection: Connection): void {
  const backlog = connection.backlog ?? [];
  connection.backlog = null;
  for (const text of backlog) connection.socket.send(text);
}

export async function recordPresenceSafely(io: RoomIO, record: PresenceRecord): Promise<void> {
  // The room history is a record, not a gate: a Postgres hiccup must not break the room.
  try {
    await io.ports.recordPresence(record);
  } catch (error) {
    (io.ports.logError ?? console.error)(`recordPresence ${record.kind} failed`, error);
  }
}
