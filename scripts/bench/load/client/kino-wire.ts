/**
 * Our protocol over `GET /ws`: hello with a cinema JWT, wait for the welcome, then chat
 * and seq-checked playback commands. Pings every 10 s like the extension's clock sync,
 * which also keeps the hub's 30 s idle deadline from dropping a quiet member.
 */

import { signCinemaToken } from '@kino/cinema/token';
import {
  type ClientMessage,
  encode,
  PROTOCOL_VERSION,
  type ServerMessage,
} from '@kino/shared/protocol';
import type { PlaybackAction } from '../schedule.ts';
import type { Connect, Link, LinkEvents, MemberSpec } from './transport.ts';

const PING_EVERY_MS = 10_000;

export const memberUserId = (spec: MemberSpec) => `u${spec.roomIndex}_${spec.memberIndex}`;

export const connectKino: Connect = async (spec, events) => {
  const userId = memberUserId(spec);
  const token = await signCinemaToken({
    sub: userId,
    name: `Зритель ${spec.roomIndex}.${spec.memberIndex}`,
  });
  const ws = new WebSocket(`${spec.url.replace(/^http/, 'ws')}/ws`);
  let closing = false;
  let joined = false;
  let pingTimer: ReturnType<typeof setInterval> | undefined;
  let pingId = 0;
  const send = (message: ClientMessage) => ws.send(encode(message));

  const welcome = new Promise<void>((resolve, reject) => {
    ws.addEventListener('open', () => {
      send({
        type: 'hello',
        v: PROTOCOL_VERSION,
        token,
        roomId: spec.roomId,
        clientId: `bench_${spec.roomIndex}_${spec.memberIndex}`,
      });
    });
    ws.addEventListener('message', (event) => {
      const message = JSON.parse(String(event.data)) as ServerMessage;
      switch (message.type) {
        case 'welcome':
          joined = true;
          events.seq(message.playback.seq);
          // Spread pings so 5,000 members do not ping in the same instant.
          pingTimer = setTimeout(() => {
            pingTimer = setInterval(
              () => send({ type: 'ping', id: ++pingId, t0: Date.now() }),
              PING_EVERY_MS,
            );
          }, Math.random() * PING_EVERY_MS);
          resolve();
          break;
        case 'chat':
          events.delivered(message.message.id, message.message.userId === userId);
          break;
        case 'playback':
          events.seq(message.playback.seq);
          events.delivered(`seq:${message.playback.seq}`, message.cause?.userId === userId);
          break;
        case 'error':
          if (!joined) reject(new Error(`join refused: ${message.code} ${message.message}`));
          else events.error(message.code, message.ref);
          break;
        default:
          // pong, presence, settings, history: not part of the measured fan-out.
          break;
      }
    });
    ws.addEventListener('close', (event) => {
      clearInterval(pingTimer);
      clearTimeout(pingTimer);
      if (!joined) reject(new Error(`closed before welcome: ${event.code} ${event.reason}`));
      else if (!closing) events.closedUnexpectedly(`${event.code} ${event.reason}`);
    });
    ws.addEventListener('error', () => {
      if (!joined) reject(new Error('websocket error before welcome'));
    });
  });
  await welcome;

  const link: Link = {
    sendChat: (key, text) => send({ type: 'chat', id: key, text }),
    sendCommand(action: PlaybackAction, baseSeq: number, position: number) {
      send({ type: action, baseSeq, position });
      return `seq:${baseSeq + 1}`;
    },
    isOpen: () => ws.readyState === WebSocket.OPEN,
    close() {
      closing = true;
      ws.close(1000, 'bench done');
    },
  };
  return link;
};

export type { LinkEvents };
