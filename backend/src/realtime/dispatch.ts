/** Routes a validated message of a joined (or joining) connection to its feature handler. */
import type { ClientMessage } from '@kino/shared/protocol';
import { handleKnockAnswer, handleRevoke } from '../knock/realtime.ts';
import { handleBuffering } from './buffering.ts';
import { handleChat, handleHistory, handleReaction } from './chat.ts';
import { type Connection, isJoined } from './connection.ts';
import { handleHello } from './join.ts';
import { CLOSE } from './limits.ts';
import { handlePlaybackCommand, handleSettings } from './playback.ts';
import { handlePlayerState } from './player-state.ts';
import { type Arrival, type RoomIO, refOf } from './room-io.ts';

export async function dispatchMessage(
  io: RoomIO,
  connection: Connection,
  message: ClientMessage,
  arrival: Arrival,
): Promise<void> {
  if (message.type === 'hello') return handleHello(io, connection, message, arrival);
  if (!isJoined(connection)) {
    // The hello before it failed (the socket is closing) or never came.
    return io.fail(connection, 'not_joined', 'send hello first', { ref: refOf(message) });
  }
  switch (message.type) {
    case 'ping':
      // Answered on arrival (hub.ts); never queued.
      return;
    case 'play':
    case 'pause':
    case 'seek':
      return handlePlaybackCommand(io, connection, message, arrival);
    case 'buffering':
      return handleBuffering(io, connection, message, arrival);
    case 'player':
      return handlePlayerState(io, connection, message, arrival);
    case 'chat':
      return handleChat(io, connection, message, arrival);
    case 'reaction':
      return handleReaction(io, connection, message, arrival);
    case 'history':
      return handleHistory(io, connection, message, arrival);
    case 'settings':
      return handleSettings(io, connection, message, arrival);
    case 'knock-answer':
      return handleKnockAnswer(io, connection, message, arrival);
    case 'revoke':
      return handleRevoke(io, connection, message, arrival);
    case 'leave':
      return io.disconnect(connection, CLOSE.left, 'left');
  }
}
