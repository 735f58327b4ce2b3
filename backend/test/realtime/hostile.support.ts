/**
 * The two stacks the hostile-client suite runs against — embedded (PGlite, in-process live
 * store) and Postgres + Redis — and the check made after every case: the room is unharmed.
 */
import { expect } from 'bun:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCinema } from '@kino/cinema/server';
import { PROTOCOL_VERSION, type ServerMessage } from '@kino/shared/protocol';
import { type DbHandle, openPglite } from '../../src/db/index.ts';
import { type RunningBackend, startBackend } from '../../src/main.ts';
import { createRoomRecord } from '../../src/record/index.ts';
import type { RoomRecord } from '../../src/record/types.ts';
import {
  createRoom,
  quietLogger,
  type Stack,
  startStack,
  stopGracefully,
  tokenFor,
  WsClient,
} from './servers.support.ts';

export interface HostileStack {
  name: string;
  backend: RunningBackend;
  record: RoomRecord;
  dispose(): Promise<void>;
}

export async function embeddedStack(): Promise<HostileStack> {
  const cinema = await startCinema({ port: 0 });
  const dataDir = mkdtempSync(join(tmpdir(), 'kino-hostile-'));
  const db: DbHandle = await openPglite();
  const backend = await startBackend(
    { port: 0, cinemaUrl: cinema.url, dataDir, redisUrl: undefined, databaseUrl: undefined },
    { db, log: quietLogger(), mailPollMs: 60_000 },
  );
  return {
    name: 'embedded (PGlite, in-process live store)',
    backend,
    record: createRoomRecord(db.db, db.kind),
    async dispose() {
      await stopGracefully(backend);
      await db.close();
      await cinema.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function redisStack(): Promise<HostileStack> {
  const stack: Stack = await startStack();
  const backend = await stack.startInstance('hostile-a');
  return {
    name: 'Postgres + Redis',
    backend,
    record: createRoomRecord(backend.deps.db, backend.deps.dbKind),
    dispose: () => stack.dispose(),
  };
}

/** The room the cases attack, with its two steady members. */
export interface Room {
  id: string;
  anna: WsClient;
  boris: WsClient;
  tokens: Record<string, string>;
}

export async function openRoom(stack: HostileStack): Promise<Room> {
  const tokens: Record<string, string> = {};
  for (const [id, name] of [
    ['anna', 'Anna'],
    ['boris', 'Борис'],
    ['vera', 'Вера'],
    ['gleb', 'Gleb'],
  ] as const) {
    tokens[id] = await tokenFor(id, name);
  }
  const id = await createRoom(stack.backend, tokens.anna!, ['boris', 'vera']);
  const anna = await WsClient.join(stack.backend, { token: tokens.anna!, roomId: id });
  const boris = await WsClient.join(stack.backend, { token: tokens.boris!, roomId: id });
  return { id, anna, boris, tokens };
}

let round = 0;

/** How long `/health` takes to answer (ms). */
export async function healthMs(backend: RunningBackend): Promise<number> {
  const started = performance.now();
  const response = await fetch(`${backend.url}/health`);
  expect(response.status).toBe(200);
  return performance.now() - started;
}

const lastPlayback = (client: WsClient) =>
  [...client.received]
    .reverse()
    .find(
      (m): m is Extract<ServerMessage, { type: 'playback' | 'welcome' }> =>
        m.type === 'playback' || m.type === 'welcome',
    )?.playback;

/**
 * After a case: members still see each other's play/pause and chat, a new member joins (and
 * leaves), and `/health` answers promptly.
 */
export async function roomUnharmed(stack: HostileStack, room: Room): Promise<void> {
  round++;
  const { anna, boris } = room;
  expect(anna.isOpen && boris.isOpen).toBe(true);
  const seq = lastPlayback(anna)?.seq ?? 0;
  const action = round % 2 ? 'play' : 'pause';
  anna.send({ type: action, baseSeq: seq, position: round });
  await boris.waitFor(
    (m) => m.type === 'playback' && m.playback.seq === seq + 1 && m.cause?.action === action,
    `boris sees anna's ${action}`,
  );
  const id = `unharmed-${round}-${Date.now()}`;
  boris.send({ type: 'chat', id, text: `still here ${round}` });
  await anna.waitFor((m) => m.type === 'chat' && m.message.id === id, 'anna sees boris chat');
  const vera = await WsClient.join(stack.backend, { token: room.tokens.vera!, roomId: room.id });
  expect(vera.ofType('welcome')).toHaveLength(1);
  vera.close();
  await vera.closed;
  expect(await healthMs(stack.backend)).toBeLessThan(1_000);
}

/** A hello whose token is nested `depth` arrays deep: a parser's stack, not a message. */
export const nested = (depth: number) =>
  `{"type":"hello","v":1,"token":${'['.repeat(depth)}${']'.repeat(depth)}}`;

/** A hello from a fresh tab. */
export const hello = (token: string, roomId: string, extra: Record<string, unknown> = {}) => ({
  type: 'hello',
  v: PROTOCOL_VERSION,
  token,
  roomId,
  clientId: `h-${Math.random().toString(36).slice(2, 12)}`,
  ...extra,
});

/**
 * Sends `frame` from `attacks` fresh sockets one after another, reading /health beside each,
 * while Anna pings every 25 ms — a fixed number of attacks, not a time window: how many fit
 * into one depends on the machine's load, whether the server stalls does not.
 */
export async function attackWhilePinging(
  stack: HostileStack,
  room: Room,
  frame: string,
  attacks: number,
): Promise<{ closes: number[]; health: number[]; sent: number; answered: number[] }> {
  const rtts = room.anna.pingRtts.length;
  let attacking = true;
  let sent = 0;
  const pinger = (async () => {
    for (let id = 1_000; attacking; id++) {
      room.anna.ping(id);
      sent++;
      await Bun.sleep(25);
    }
  })();
  const health: number[] = [];
  const closes: number[] = [];
  for (let i = 0; i < attacks; i++) {
    const attacker = await WsClient.connect(stack.backend);
    attacker.send(frame);
    const [closed, ms] = await Promise.all([attacker.closed, healthMs(stack.backend)]);
    health.push(ms);
    closes.push(closed.code);
  }
  attacking = false;
  await pinger;
  for (let i = 0; i < 100 && room.anna.pingRtts.length - rtts < sent; i++) await Bun.sleep(20);
  return { closes, health, sent, answered: room.anna.pingRtts.slice(rtts) };
}
