/**
 * The socket.io relay as watch-party projects use it: WebSocket transport only (no long
 * polling, to be fair to it), the room named in the handshake, frames as `m` events.
 */
import { io } from 'socket.io-client';
import type { PlaybackAction } from '../schedule.ts';
import { commandKey, type RelayFrame } from './relay-frames.ts';
import type { Connect, Link } from './transport.ts';

export const connectSocketIo: Connect = async (spec, events) => {
  // forceNew: one real connection per member (otherwise the client multiplexes by URL).
  const socket = io(spec.url, {
    transports: ['websocket'],
    query: { room: spec.roomId },
    reconnection: false,
    forceNew: true,
    timeout: 10_000,
  });
  let closing = false;
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', (error: Error) => reject(error));
  });
  socket.on('m', (frame: RelayFrame) => events.delivered(frame.k, false));
  socket.on('disconnect', (reason: string) => {
    if (!closing) events.closedUnexpectedly(reason);
  });
  const link: Link = {
    sendChat: (k, text) => void socket.emit('m', { k, text } satisfies RelayFrame),
    sendCommand(action: PlaybackAction, _baseSeq: number, position: number, counter: number) {
      const k = commandKey(spec, counter);
      socket.emit('m', { k, action, position } satisfies RelayFrame);
      return k;
    },
    isOpen: () => socket.connected,
    close() {
      closing = true;
      socket.disconnect();
    },
  };
  return link;
};
