/**
 * Real servers for realtime integration tests: a Postgres database of its own, the demo
 * cinema as the directory, and backends on one Redis (random key prefix), plus a small
 * WebSocket client built on Bun's `WebSocket`.
 */
import { randomUUID } from 'node:crypto';
import { type RunningCinema, startCinema } from '@kino/cinema/server';
import { signCinemaToken } from '@kino/cinema/token';
import { PROTOCOL_VERSION, parseServerMessage, type ServerMessage } from '@kino/shared/protocol';
import { POSTGRES_ADMIN_URL, REDIS_TEST_URL } from '@kino/test-support/services';
import { Client } from 'pg';
import { createClient } from 'redis';
import type { Logger } from '../../src/deps.ts';
import { type RunningBackend, startBackend } from '../../src/main.ts';
import { ROOMY_LIMIT_CONFIG } from '../support/backend.ts';

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `kino_t_${randomUUID().replaceAll('-', '')}`;
  const admin = new Client({ connectionString: POSTGRES_ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new Client({ connectionString: POSTGRES_ADMIN_URL });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

export async function deleteRedisPrefix(prefix: string, url = REDIS_TEST_URL): Promise<void> {
  const admin = createClient({ url });
  await admin.connect();
  const keys = await admin.keys(`${prefix}*`);
  if (keys.length > 0) await admin.del(keys);
  await admin.close();
}

/** Collects error logs instead of printing them, so a test can assert there were none. */
export function quietLogger(): Logger & { errors: string[] } {
  const errors: string[] = [];
  return { errors, info: () => {}, error: (m) => void errors.push(m) };
}

export interface Stack {
  cinema: RunningCinema;
  database: TestDatabase;
  redisPrefix: string;
  log: ReturnType<typeof quietLogger>;
  startInstance(instanceId: string): Promise<RunningBackend>;
  /** Graceful stop (1012 to clients), as a deployment's shutdown does. */
  stopInstance(backend: RunningBackend): Promise<void>;
  dispose(): Promise<void>;
}

/** `redisUrl`: a redis-server of the suite's own instead of the machine's (random prefix either way). */
export async function startStack(opts: { redisUrl?: string } = {}): Promise<Stack> {
  const redisUrl = opts.redisUrl ?? REDIS_TEST_URL;
  const cinema = await startCinema({ port: 0 });
  const database = await createTestDatabase();
  const redisPrefix = `kino_t_${randomUUID()}:`;
  const log = quietLogger();
  const started: RunningBackend[] = [];
  return {
    cinema,
    database,
    redisPrefix,
    log,
    async startInstance(instanceId) {
      const backend = await startBackend(
        {
          port: 0,
          databaseUrl: database.url,
          redisUrl,
          redisPrefix,
          cinemaUrl: cinema.url,
          instanceId,
          ...ROOMY_LIMIT_CONFIG,
        },
        { log, mailPollMs: 60_000 },
      );
      started.push(backend);
      return backend;
    },
    async stopInstance(backend) {
      started.splice(started.indexOf(backend), 1);
      await stopGracefully(backend);
    },
    async dispose() {
      for (const backend of started) await stopGracefully(backend).catch(() => {});
      await cinema.stop();
      await deleteRedisPrefix(redisPrefix, redisUrl);
      await database.drop();
    },
  };
}

/** What a deployment's shutdown does: clients are told to reconnect (1012), then the app stops. */
export async function stopGracefully(backend: RunningBackend): Promise<void> {
  await backend.app.decorator.realtimeHub.stop();
  await backend.stop();
}

export const tokenFor = (sub: string, name: string) => signCinemaToken({ sub, name });

export async function createRoom(
  backend: RunningBackend,
  ownerToken: string,
  invitees: string[],
  opts: { allowLinkJoin?: boolean } = {},
): Promise<string> {
  const response = await fetch(`${backend.url}/api/rooms`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ownerToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ filmId: 'night-train', invitees, ...opts }),
  });
  if (response.status !== 201) throw new Error(`room not created: ${await response.text()}`);
  return ((await response.json()) as { id: string }).id;
}

/** Frames from the server that failed the protocol schema; suites assert it stays empty. */
export const wireViolations: string[] = [];

export class WsClient {
  readonly received: ServerMessage[] = [];
  /** UTF-8 size of every frame received. */
  readonly frameBytes: number[] = [];
  /** Round trips of answered pings (ms), by the client's clock. */
  readonly pingRtts: number[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  private constructor(private readonly ws: WebSocket) {
    ws.addEventListener('message', (event) => {
      const text = String(event.data);
      this.frameBytes.push(new TextEncoder().encode(text).byteLength);
      // Parsed at the client's own limit, as the extension does.
      const parsed = parseServerMessage(text);
      if (!parsed.ok) wireViolations.push(`${parsed.error.message}: ${text.slice(0, 200)}`);
      const message = JSON.parse(text) as ServerMessage;
      if (message.type === 'pong') this.pingRtts.push(performance.now() - message.t0);
      this.received.push(message);
    });
    this.closed = new Promise((resolve) => {
      ws.addEventListener('close', (event) => resolve({ code: event.code, reason: event.reason }));
    });
  }

  static async connect(backend: RunningBackend): Promise<WsClient> {
    const ws = new WebSocket(`${backend.url.replace('http', 'ws')}/ws`);
    const client = new WsClient(ws);
    await new Promise<void>((resolve, reject) => {
      ws.addEventListener('open', () => resolve(), { once: true });
      ws.addEventListener('error', () => reject(new Error('websocket failed to open')), {
        once: true,
      });
    });
    return client;
  }

  /** Connects and joins; resolves with the welcome. */
  static async join(
    backend: RunningBackend,
    hello: { token: string; roomId: string; lastCursor?: number; clientId?: string },
  ): Promise<WsClient> {
    const client = await WsClient.connect(backend);
    client.send({ type: 'hello', v: PROTOCOL_VERSION, clientId: `c-${randomUUID()}`, ...hello });
    await client.waitFor(
      (m) => m.type === 'welcome' || (m.type === 'error' && m.fatal === true),
      'welcome',
    );
    return client;
  }

  get isOpen(): boolean {
    return this.ws.readyState === WebSocket.OPEN;
  }

  send(frame: unknown): void {
    if (frame instanceof Uint8Array) this.ws.send(frame as Uint8Array<ArrayBuffer>);
    else this.ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  /** A ping stamped with the client's monotonic clock, so `pingRtts` measures the round trip. */
  ping(id: number): void {
    this.send({ type: 'ping', id, t0: performance.now() });
  }

  ofType<T extends ServerMessage['type']>(type: T): Extract<ServerMessage, { type: T }>[] {
    return this.received.filter((m): m is Extract<ServerMessage, { type: T }> => m.type === type);
  }

  async waitFor(check: (m: ServerMessage) => boolean, what: string, timeoutMs = 5_000) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.received.find(check);
      if (found) return found;
      if (Date.now() > deadline) {
        throw new Error(`timed out waiting for ${what}; got ${JSON.stringify(this.received)}`);
      }
      await Bun.sleep(5);
    }
  }

  async waitForCount(type: ServerMessage['type'], count: number, timeoutMs = 5_000) {
    const deadline = Date.now() + timeoutMs;
    while (this.ofType(type).length < count) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${count} ${type}`);
      await Bun.sleep(5);
    }
  }

  clear(): void {
    this.received.length = 0;
  }

  close(): void {
    this.ws.close(1000, 'bye');
  }
}
