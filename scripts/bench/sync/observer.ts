/**
 * A passive member on loopback, straight on the backend: it joins the room as its owner in
 * a tab of its own and stamps every playback broadcast with the wall clock the pages use
 * (`performance.timeOrigin + performance.now()`), so hops.ts can split action→everyone at
 * the server. It sends nothing but pings (the hub drops members silent for 30 s).
 */
import {
  type ClientMessage,
  encode,
  PROTOCOL_VERSION,
  type ServerMessage,
} from '@kino/shared/protocol';
import type { RoomBroadcast } from './hops.ts';
import type { ActionType } from './types.ts';

export interface RoomObserver {
  readonly broadcasts: RoomBroadcast[];
  close(): void;
}

const ACTIONS = new Set<string>(['play', 'pause', 'seek']);

export function observeRoom(backendUrl: string, roomId: string, token: string) {
  const ws = new WebSocket(`${backendUrl.replace(/^http/, 'ws')}/ws`);
  const broadcasts: RoomBroadcast[] = [];
  const send = (message: ClientMessage) => ws.send(encode(message));
  let ping: ReturnType<typeof setInterval> | undefined;
  let pingId = 0;
  return new Promise<RoomObserver>((resolve, reject) => {
    const timeout = setTimeout(() => reject(new Error('observer: no welcome in 10 s')), 10_000);
    ws.addEventListener('open', () =>
      send({ type: 'hello', v: PROTOCOL_VERSION, token, roomId, clientId: 'bench-observer' }),
    );
    ws.addEventListener('message', (event) => {
      const t = performance.timeOrigin + performance.now();
      const message = JSON.parse(String(event.data)) as ServerMessage;
      if (message.type === 'welcome') {
        clearTimeout(timeout);
        ping = setInterval(() => send({ type: 'ping', id: ++pingId, t0: Date.now() }), 10_000);
        resolve({
          broadcasts,
          close: () => {
            clearInterval(ping);
            ws.close();
          },
        });
      } else if (message.type === 'playback') {
        const action = message.cause?.action ?? '';
        broadcasts.push({
          t,
          seq: message.playback.seq,
          action: ACTIONS.has(action) ? (action as ActionType) : null,
        });
      } else if (message.type === 'error' && ping === undefined) {
        clearTimeout(timeout);
        reject(new Error(`observer refused: ${message.code} ${message.message}`));
      }
    });
    ws.addEventListener('close', () => clearInterval(ping));
  });
}
