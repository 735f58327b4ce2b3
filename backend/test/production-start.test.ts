/**
 * `bun run start` is a production start: it refuses development stand-ins and secrets, and a
 * correctly configured one serves without the dev outbox.
 */
import { afterAll, describe, expect, test } from 'bun:test';
import { randomUUID } from 'node:crypto';
import { createTestDatabase, type TestDatabase } from '@kino/test-support/postgres';
import { hasPostgres, hasRedis, REDIS_TEST_URL } from '@kino/test-support/services';
import { type SmtpSink, startSmtpSink } from '@kino/test-support/smtp-sink';
import { DEV_JWT_SECRET, DEV_SERVICE_KEY } from '../src/production.ts';
import { deleteRedisPrefix } from './support/redis.ts';

const root = new URL('../..', import.meta.url).pathname;
const backendDir = new URL('..', import.meta.url).pathname;
const secret = (label: string) => `${label}-${randomUUID()}-${randomUUID()}`;

/** Only what a clean machine has, so nothing from this test run leaks in. */
const bare = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' };

const complete = {
  DATABASE_URL: 'postgres://u@127.0.0.1:1/none',
  REDIS_URL: 'redis://127.0.0.1:1',
  SMTP_URL: 'smtp://127.0.0.1:1',
  PUBLIC_URL: 'https://kino.example',
  JWT_SECRET: secret('jwt'),
  CINEMA_SERVICE_KEY: secret('key'),
};

async function runStart(env: Record<string, string | undefined>) {
  const proc = Bun.spawn(['bun', 'run', 'start'], {
    cwd: root,
    env: { ...bare, ...env } as Record<string, string>,
    stdout: 'pipe',
    stderr: 'pipe',
  });
  const timer = setTimeout(() => proc.kill('SIGKILL'), 20_000);
  const [out, err, code] = await Promise.all([
    new Response(proc.stdout).text(),
    new Response(proc.stderr).text(),
    proc.exited,
  ]);
  clearTimeout(timer);
  return { code, output: out + err };
}

describe('bun run start refuses development settings', () => {
  test.each([
    ['DATABASE_URL', { DATABASE_URL: undefined }],
    ['REDIS_URL', { REDIS_URL: undefined }],
    ['SMTP_URL', { SMTP_URL: undefined }],
    ['PUBLIC_URL', { PUBLIC_URL: undefined }],
    ['JWT_SECRET', { JWT_SECRET: undefined }],
    ['JWT_SECRET', { JWT_SECRET: DEV_JWT_SECRET }],
    ['JWT_SECRET', { JWT_SECRET: 'short-secret' }],
    ['CINEMA_SERVICE_KEY', { CINEMA_SERVICE_KEY: DEV_SERVICE_KEY }],
    ['CINEMA_SERVICE_KEY', { CINEMA_SERVICE_KEY: undefined }],
  ])(
    'without a proper %s: exits 1 naming it',
    async (variable, change) => {
      const { code, output } = await runStart({ ...complete, ...change });
      expect(code).toBe(1);
      expect(output).toContain(`cannot start: Invalid configuration: ${variable}`);
    },
    30_000,
  );
});

describe.skipIf(!hasPostgres || !hasRedis)('a production start on real services', () => {
  let database: TestDatabase | undefined;
  let sink: SmtpSink | undefined;
  const prefix = `kino_t_${randomUUID()}:`;
  afterAll(async () => {
    await sink?.stop();
    await database?.drop();
    await deleteRedisPrefix(REDIS_TEST_URL, prefix);
  });

  test('serves the API and readiness, and has no dev outbox', async () => {
    database = await createTestDatabase();
    sink = await startSmtpSink();
    // What `bun run start` runs, directly, so SIGTERM reaches the backend itself.
    const proc = Bun.spawn(['bun', 'src/index.ts'], {
      cwd: backendDir,
      env: {
        ...bare,
        ...complete,
        KINO_ENV: 'production',
        HOST: '127.0.0.1',
        PORT: '0',
        DATABASE_URL: database.url,
        REDIS_URL: REDIS_TEST_URL,
        REDIS_PREFIX: prefix,
        SMTP_URL: sink.url,
      },
      stdout: 'pipe',
      stderr: 'pipe',
    });
    let listening: Promise<void> = Promise.resolve();
    try {
      // Read on to the end: a closed pipe would fail the backend's next log line.
      let out = '';
      listening = (async () => {
        const decoder = new TextDecoder();
        for await (const chunk of proc.stdout) out += decoder.decode(chunk, { stream: true });
      })();
      while (!/listening on/.test(out) && proc.exitCode === null) await Bun.sleep(50);
      const port = Number(/listening on 127\.0\.0\.1:(\d+)/.exec(out)?.[1]);
      expect(port).toBeGreaterThan(0);
      const base = `http://127.0.0.1:${port}`;
      expect((await fetch(`${base}/health`)).status).toBe(200);
      const ready = await fetch(`${base}/health/ready`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toMatchObject({
        ready: true,
        checks: {
          db: { ok: true, kind: 'postgres' },
          live: { ok: true, kind: 'redis' },
          mail: { ok: true, kind: 'smtp' },
        },
      });
      for (const path of ['/dev/outbox', '/dev/outbox.html']) {
        expect((await fetch(`${base}${path}`)).status).toBe(404);
      }
    } finally {
      proc.kill('SIGTERM');
      await proc.exited;
      await listening;
    }
  }, 60_000);
});
