/** Routes a validated client message to its feature handler. */
import type { ClientMessage } from '@kino/shared/protocol';
import { handleChat, handleHistory, handleReaction } from './chat.ts';
import type { Connection } from './connection.ts';
import { handleHello } from './join.ts';
import { CLOSE } from './limits.ts';
import { handleBuffering, handlePlaybackCommand, handleSettings } from './playback.ts';
import type { RoomIO } from './room-io.ts';

export async function dispatchMessage(
  io: RoomIO,
  connection: Connection,
  message: ClientMessage,
): Promise<void> {
  if (message.type === 'hello') return handleHello(io, connection, message);
  // Pings work before hello too: a client may start its clock sync while it connects.
  if (message.type === 'ping') {
    const serverTime = io.ports.now();
    return io.send(connection, { type: 'pong', id: message.id, t0: message.t0, serverTime });
  }
  if (connection.phase !== 'joined') {
    return io.fail(connection, 'not_joined', 'send hello first', { ref: refOf(message) });
  }
  switch (message.type) {
    case 'play':
    case 'pause':
    case 'seek':
      return handlePlaybackCommand(io, connection, message);
    case 'buffering':
      return handleBuffering(io, connection, message);
    case 'chat':
      return handleChat(io, connection, message);
    case 'reaction':
      return handleReaction(io, connection, message);
    case 'history':
      return handleHistory(io, connection, message);
    case 'settings':
      return handleSettings(io, connection, message);
    case 'leave':
      return io.disconnect(connection, CLOSE.left, 'left');
  }
}

/** The id an error about this message should carry, so the client can match it. */
export function refOf(message: ClientMessage): string | undefined {
  if (message.type === 'chat' || message.type === 'reaction') return message.id;
  if (message.type === 'ping') return String(message.id);
  return undefined;
}
