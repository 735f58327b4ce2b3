/**
 * Chat, reactions and history. Each message is stamped with server time and the room's
 * film position and stored once per client id: a resend after a reconnect is not
 * broadcast again, but its sender still gets the stored original as the acknowledgement.
 */
import { MAX_POSITION_SEC } from '@kino/shared/protocol';
import { expectedPosition } from '@kino/shared/room/playback-commands';
import type { ChatKind } from '@kino/shared/types';
import type { Connection, JoinedRoom } from './connection.ts';
import type { Handler, RoomIO } from './room-io.ts';

async function storeAndBroadcast(
  io: RoomIO,
  connection: Connection,
  message: { id: string; kind: ChatKind; text: string },
): Promise<void> {
  const joined = connection.joined as JoinedRoom;
  const roomId = joined.room.id;
  const now = io.ports.now();
  const playback = await io.ports.live.getPlayback(roomId);
  const position = playback ? Math.min(MAX_POSITION_SEC, expectedPosition(playback, now)) : 0;
  const { stored, message: chat } = await io.ports.live.appendChat(roomId, {
    ...message,
    userId: joined.participant.userId,
    name: joined.participant.name,
    at: now,
    position,
  });
  if (stored) await io.publish(roomId, { type: 'chat', message: chat });
  else io.send(connection, { type: 'chat', message: chat });
}

export const handleChat: Handler<'chat'> = (io, connection, message) =>
  storeAndBroadcast(io, connection, { id: message.id, kind: 'text', text: message.text });

export const handleReaction: Handler<'reaction'> = (io, connection, message) =>
  storeAndBroadcast(io, connection, { id: message.id, kind: 'reaction', text: message.emoji });

export const handleHistory: Handler<'history'> = async (io, connection, message) => {
  const joined = connection.joined as JoinedRoom;
  const page = await io.ports.live.chatPage(joined.room.id, {
    before: message.before,
    limit: message.limit ?? 30,
  });
  io.send(connection, { type: 'history', ...page });
};
