/**
 * The story's stack on the production stores, in-process: the demo cinema on :3000,
 * the backend on :8787 (the extension's defaults) with a fresh Postgres database, a
 * random Redis key prefix and a real SMTP server that parses what it receives.
 * The backend can be restarted on the same port and stores, as an operator would.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunningCinema, startCinema } from '@kino/cinema/server';
import { waitForFreePorts } from '@kino/test-support/ports';
import { REDIS_TEST_URL } from '@kino/test-support/services';
import { RedisClient } from 'bun';
import type { Config } from '../../backend/src/config.ts';
import type { Logger } from '../../backend/src/deps.ts';
import { type RunningBackend, startBackend } from '../../backend/src/main.ts';
// Reused from the backend's test support: both resolve `pg`, `smtp-server` and
// `mailparser` from backend/node_modules, which e2e/ has no access to otherwise.
import { createTestDatabase, type TestDatabase } from '../../backend/test/support/postgres.ts';
import {
  type ReceivedMail,
  type SmtpSink,
  startSmtpSink,
} from '../../backend/test/support/smtp-sink.ts';
import { BACKEND_URL, CINEMA_URL } from '../extension/stack.ts';

export { BACKEND_URL, CINEMA_URL };

export interface ProductionStack {
  /** Mails the SMTP server has received so far, parsed. */
  readonly mails: readonly ReceivedMail[];
  /** What the backend logged, for the failure report. */
  readonly backendLog: readonly string[];
  /** Which stores `/health` reports: proves the story runs on the real ones. */
  health(): Promise<unknown>;
  /** Stops the running backend (clients see the socket close) without starting another. */
  stopBackend(): Promise<void>;
  /** Starts a new backend on the same port, database, Redis prefix and SMTP server. */
  startBackend(): Promise<void>;
  /** Stops everything and deletes the database, the Redis keys and the temp dir. */
  stop(): Promise<void>;
}

/** Starts each part in turn; whatever started is stopped again if a later part fails. */
export async function startProductionStack(): Promise<ProductionStack> {
  const redisPrefix = `kino_t_${randomUUID()}:`;
  const backendLog: string[] = [];
  const log: Logger = {
    info: (m) => backendLog.push(`${new Date().toISOString()} info ${m}`),
    error: (m) => backendLog.push(`${new Date().toISOString()} error ${m}`),
  };
  let database: TestDatabase | undefined;
  let sink: SmtpSink | undefined;
  let cinema: RunningCinema | undefined;
  let backend: RunningBackend | undefined;
  let dataDir: string | undefined;

  const stopBackend = async () => {
    const running = backend;
    backend = undefined;
    await running?.stop();
  };

  const stopAll = async () => {
    // Each step runs even when an earlier one failed, so nothing is left behind.
    const steps: (() => Promise<unknown>)[] = [
      stopBackend,
      async () => cinema?.stop(),
      async () => sink?.stop(),
      async () => database?.drop(),
      () => deleteRedisKeys(redisPrefix),
      async () => dataDir && rm(dataDir, { recursive: true, force: true }),
    ];
    const errors: unknown[] = [];
    for (const step of steps) {
      await step().catch((error: unknown) => errors.push(error));
    }
    if (errors.length > 0) throw new AggregateError(errors, 'stack cleanup failed');
  };

  try {
    await waitForFreePorts([3000, 8787], { timeoutMs: 120_000, label: 'story' });
    dataDir = await mkdtemp(join(tmpdir(), 'kino-e2e-story-'));
    database = await createTestDatabase();
    sink = await startSmtpSink();
    cinema = await startCinema({ port: 3000 });
    const config: Partial<Config> = {
      port: 8787,
      publicUrl: BACKEND_URL,
      cinemaUrl: CINEMA_URL,
      dataDir,
      databaseUrl: database.url,
      redisUrl: REDIS_TEST_URL,
      redisPrefix,
      smtpUrl: sink.url,
    };
    const start = async () => {
      if (backend) throw new Error('the backend is already running');
      backend = await startBackend(config, { log, mailPollMs: 200 });
    };
    await start();
    const smtp = sink;
    return {
      get mails() {
        return smtp.received;
      },
      backendLog,
      async health() {
        return (await fetch(`${BACKEND_URL}/health`)).json();
      },
      stopBackend,
      startBackend: start,
      stop: stopAll,
    };
  } catch (error) {
    await stopAll().catch(() => {});
    throw error;
  }
}

async function deleteRedisKeys(prefix: string): Promise<void> {
  const redis = new RedisClient(REDIS_TEST_URL);
  try {
    await redis.connect();
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
  } finally {
    redis.close();
  }
}

/** Waits for the SMTP server to receive a mail to `address`; returns the join link in it. */
export async function waitForInviteLink(
  stack: ProductionStack,
  address: string,
  timeoutMs = 20_000,
): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const mail = stack.mails.find((m) => m.to === address);
    if (mail) return joinLinkOf(mail);
    await Bun.sleep(100);
  }
  throw new Error(`no invite for ${address} arrived over SMTP within ${timeoutMs} ms`);
}

/** The personal join link: the same in the text part and in the HTML part's href. */
export function joinLinkOf(mail: ReceivedMail): string {
  const inText = mail.text.match(/https?:\/\/\S+\/join\/\S+/)?.[0];
  const href = mail.html
    .match(/href="(https?:\/\/[^"]+\/join\/[^"]+)"/)?.[1]
    ?.replaceAll('&amp;', '&');
  if (!inText) throw new Error(`the invite to ${mail.to} has no join link in its text`);
  if (href !== inText) {
    throw new Error(`the invite to ${mail.to}: HTML link ${href} differs from text link ${inText}`);
  }
  return inText;
}
