/**
 * Backends for the hostile suite: each on fresh stores (so quota counts start at zero), real
 * sockets on 127.0.0.1, the real demo cinema. `embedded` = PGlite + memory + dev outbox;
 * `services` = Postgres + Redis (own key prefix) + an SMTP sink, and several backends can share
 * one database to play separate instances.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, type TestDatabase } from '@kino/test-support/postgres';
import { type SmtpSink, startSmtpSink } from '@kino/test-support/smtp-sink';
import type { App } from '../../src/app.ts';
import type { Env } from '../../src/config.ts';
import { type AppDeps, closeDeps, type DepsOverrides } from '../../src/deps.ts';
import { buildBackend } from '../support/backend.ts';
import { deleteRedisPrefix } from '../support/redis.ts';
import { tokenFor } from '../support/tokens.ts';

export interface StartedBackend {
  app: App;
  deps: AppDeps;
  port: number;
  url: string;
  /** Where its stores live, to start another instance on them (`services` only). */
  storeEnv: Env;
  stop(): Promise<void>;
}

export interface HostileStack {
  name: string;
  /** Whether two backends can share stores (separate instances of one deployment). */
  multiInstance: boolean;
  start(
    env?: Env,
    overrides?: DepsOverrides & { sameStoresAs?: StartedBackend },
  ): Promise<StartedBackend>;
  cleanup(): Promise<void>;
}

async function listen(
  env: Env,
  storeEnv: Env,
  overrides: DepsOverrides,
  release: () => Promise<void>,
): Promise<StartedBackend> {
  const { app, deps } = await buildBackend({ ...storeEnv, ...env }, overrides);
  app.listen({ port: 0, hostname: '127.0.0.1' });
  const port = app.server!.port!;
  return {
    app,
    deps,
    port,
    url: `http://127.0.0.1:${port}`,
    storeEnv,
    async stop() {
      await app.stop(true);
      await closeDeps(deps);
      await release();
    },
  };
}

export function embeddedStack(cinemaUrl: () => string): HostileStack {
  return {
    name: 'pglite + memory + outbox',
    multiInstance: false,
    async start(env = {}, overrides = {}) {
      const dir = mkdtempSync(join(tmpdir(), 'kino-hostile-'));
      return listen(env, { DATA_DIR: dir, CINEMA_URL: cinemaUrl() }, overrides, async () =>
        rmSync(dir, { recursive: true, force: true }),
      );
    },
    async cleanup() {},
  };
}

export function servicesStack(cinemaUrl: () => string, redisUrl: string): HostileStack {
  const databases: TestDatabase[] = [];
  const prefixes: string[] = [];
  let sink: SmtpSink | undefined;
  return {
    name: 'postgres + redis + smtp',
    multiInstance: true,
    async start(env = {}, { sameStoresAs, ...overrides } = {}) {
      sink ??= await startSmtpSink();
      let storeEnv = sameStoresAs?.storeEnv;
      if (!storeEnv) {
        const database = await createTestDatabase();
        databases.push(database);
        const prefix = `kino_t_${crypto.randomUUID()}:`;
        prefixes.push(prefix);
        storeEnv = {
          DATABASE_URL: database.url,
          REDIS_URL: redisUrl,
          REDIS_PREFIX: prefix,
          SMTP_URL: sink.url,
          CINEMA_URL: cinemaUrl(),
        };
      }
      return listen(env, storeEnv, overrides, async () => {});
    },
    async cleanup() {
      await sink?.stop();
      for (const database of databases) await database.drop();
      for (const prefix of prefixes) await deleteRedisPrefix(redisUrl, prefix);
    },
  };
}

export interface Created {
  status: number;
  retryAfter: string | null;
  json: {
    id?: string;
    code?: string;
    error?: string;
    details?: {
      limit?: number;
      windowSeconds?: number;
      retryAfterSeconds?: number;
      retryAt?: string;
      people?: { id: string; name: string }[];
    };
  };
}

/** POST /api/rooms as `owner` (a link room when nobody is invited). */
export async function createRoom(
  backend: StartedBackend,
  owner: string,
  invitees: string[],
): Promise<Created> {
  const response = await fetch(`${backend.url}/api/rooms`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${await tokenFor(owner)}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify({ filmId: 'night-train', invitees, allowLinkJoin: invitees.length === 0 }),
  });
  return {
    status: response.status,
    retryAfter: response.headers.get('retry-after'),
    json: (await response.json()) as Created['json'],
  };
}
