/** The bare Bun relay: the room is in the URL, every frame goes to the room's other members. */
import type { PlaybackAction } from '../schedule.ts';
import { commandKey, type RelayFrame } from './relay-frames.ts';
import type { Connect, Link } from './transport.ts';

export const connectBare: Connect = async (spec, events) => {
  const ws = new WebSocket(
    `${spec.url.replace(/^http/, 'ws')}/?room=${encodeURIComponent(spec.roomId)}`,
  );
  let closing = false;
  let open = false;
  await new Promise<void>((resolve, reject) => {
    ws.addEventListener('open', () => {
      open = true;
      resolve();
    });
    ws.addEventListener('error', () => {
      if (!open) reject(new Error('websocket error before open'));
    });
    ws.addEventListener('close', (event) => {
      if (!open) reject(new Error(`closed before open: ${event.code}`));
      else if (!closing) events.closedUnexpectedly(`${event.code} ${event.reason}`);
    });
  });
  ws.addEventListener('message', (event) => {
    const frame = JSON.parse(String(event.data)) as RelayFrame;
    events.delivered(frame.k, false);
  });
  const send = (frame: RelayFrame) => ws.send(JSON.stringify(frame));
  const link: Link = {
    sendChat: (k, text) => send({ k, text }),
    sendCommand(action: PlaybackAction, _baseSeq: number, position: number, counter: number) {
      const k = commandKey(spec, counter);
      send({ k, action, position });
      return k;
    },
    isOpen: () => ws.readyState === WebSocket.OPEN,
    close() {
      closing = true;
      ws.close(1000, 'bench done');
    },
  };
  return link;
};
