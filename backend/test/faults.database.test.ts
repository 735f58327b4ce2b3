/**
 * Database and Redis outages seen over HTTP, against a backend process on real Postgres and
 * Redis reached through a TCP forwarder the test cuts (connections reset, new ones refused)
 * or stalls (a partition: nothing gets through, nothing is refused). The process must live
 * through it, answer every request within its deadline (503 + Retry-After while the store is
 * away), report the truth on /health/ready, and work again by itself once the store is back.
 * Figures are printed as `[faults] …` lines (README "Faults").
 */
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { randomUUID } from 'node:crypto';
import { type RunningCinema, startCinema } from '@kino/cinema/server';
import { createTestDatabase, type TestDatabase } from '@kino/test-support/postgres';
import { hasPostgres, hasRedis, REDIS_TEST_URL } from '@kino/test-support/services';
import { type SmtpSink, startSmtpSink } from '@kino/test-support/smtp-sink';
import { REQUEST_DEADLINE_MS } from '../src/http/deadline.ts';
import { ROOMY_LIMITS } from './support/backend.ts';
import { type ChildBackend, startChildBackend } from './support/child-backend.ts';
import { type Probe, probe, summarise, timeUntil } from './support/probe-requests.ts';
import { deleteRedisPrefix } from './support/redis.ts';
import { type TcpCut, tcpCut } from './support/tcp-cut.ts';
import { tokenFor } from './support/tokens.ts';

/** A request answered later than this hung (the deadline plus scheduling slack). */
const HUNG_AFTER_MS = REQUEST_DEADLINE_MS + 1_000;

function through(url: string, port: number): string {
  const parsed = new URL(url);
  parsed.hostname = '127.0.0.1';
  parsed.port = String(port);
  return parsed.toString();
}

describe.skipIf(!hasPostgres || !hasRedis)('faults: database and Redis outages over HTTP', () => {
  let cinema: RunningCinema;
  let database: TestDatabase;
  let sink: SmtpSink;
  let pgLink: TcpCut;
  let redisLink: TcpCut;
  let backend: ChildBackend;
  let token: string;
  const prefix = `kino_t_${randomUUID()}:`;
  const createdIds: string[] = [];

  beforeAll(async () => {
    cinema = await startCinema({ port: 0 });
    database = await createTestDatabase();
    sink = await startSmtpSink();
    const pg = new URL(database.url);
    pgLink = tcpCut({ hostname: pg.hostname, port: Number(pg.port || 5432) });
    const redis = new URL(REDIS_TEST_URL);
    redisLink = tcpCut({ hostname: redis.hostname, port: Number(redis.port || 6379) });
    backend = await startChildBackend({
      ...ROOMY_LIMITS,
      DATABASE_URL: through(database.url, pgLink.port),
      REDIS_URL: through(REDIS_TEST_URL, redisLink.port),
      REDIS_PREFIX: prefix,
      SMTP_URL: sink.url,
      CINEMA_URL: cinema.url,
      PUBLIC_URL: 'http://localhost:8787',
    });
    token = await tokenFor('anna');
  }, 60_000);

  afterAll(async () => {
    await backend?.kill('SIGTERM');
    pgLink?.stop();
    redisLink?.stop();
    await sink?.stop();
    await cinema?.stop();
    await database?.drop();
    await deleteRedisPrefix(REDIS_TEST_URL, prefix);
  }, 30_000);

  const auth = () => ({ authorization: `Bearer ${token}`, 'content-type': 'application/json' });

  async function createRoom(): Promise<Probe & { id?: string }> {
    const started = performance.now();
    const response = await fetch(`${backend.url}/api/rooms`, {
      method: 'POST',
      headers: auth(),
      body: JSON.stringify({ filmId: 'night-train', invitees: ['boris'] }),
      signal: AbortSignal.timeout(30_000),
    }).catch(() => null);
    const json = (await response?.json().catch(() => ({}))) as { id?: string; code?: string };
    if (response?.status === 201 && json.id) createdIds.push(json.id);
    return {
      what: 'POST /api/rooms',
      status: response?.status ?? 0,
      ms: Math.round(performance.now() - started),
      retryAfter: response?.headers.get('retry-after') ?? null,
      code: json.code,
      id: json.id,
    };
  }

  /** Every kind of request that needs the store, a few rounds of each, concurrently. */
  async function requestsDuringOutage(roomId: string, rounds: number): Promise<Probe[]> {
    const one = () =>
      Promise.all([
        createRoom(),
        probe('GET /api/rooms/:id', `${backend.url}/api/rooms/${roomId}`, { headers: auth() }),
        probe('GET /join/:id', `${backend.url}/join/${roomId}`),
        probe('GET /api/films/:id/matches', `${backend.url}/api/films/night-train/matches`, {
          headers: auth(),
        }),
      ]);
    const all: Probe[] = [];
    for (let i = 0; i < rounds; i++) all.push(...(await one()));
    return all;
  }

  async function healthIsPrompt(): Promise<number> {
    const answer = await probe('GET /health', `${backend.url}/health`);
    expect(answer.status).toBe(200);
    return answer.ms;
  }

  async function ready(): Promise<{
    status: number;
    body: { checks?: Record<string, { ok: boolean }> };
  }> {
    const response = await fetch(`${backend.url}/health/ready`);
    return { status: response.status, body: (await response.json()) as never };
  }

  test('Postgres connections reset: the process lives, requests get 503 at once, recovery by itself', async () => {
    const room = await createRoom();
    expect(room.status).toBe(201);
    // Cut while requests are in flight, some of them inside a transaction.
    const inFlight = Promise.all(Array.from({ length: 10 }, () => createRoom()));
    await Bun.sleep(5);
    pgLink.cut();
    const flying = await inFlight;
    await Bun.sleep(300);
    expect(backend.alive()).toBe(true);
    const healthMs = await healthIsPrompt();

    const probes = [...flying, ...(await requestsDuringOutage(room.id!, 3))];
    const storeBound = probes.filter((p) => p.what !== 'GET /api/films/:id/matches');
    const failed = storeBound.filter((p) => p.status !== 201);
    expect(failed.length).toBeGreaterThan(0);
    for (const p of failed) {
      expect({ what: p.what, status: p.status }).toEqual({ what: p.what, status: 503 });
      expect(Number(p.retryAfter)).toBeGreaterThan(0);
    }
    expect(
      failed
        .filter((p) => p.code !== undefined)
        .every((p) => p.code === 'database_unavailable' || p.code === 'timeout'),
    ).toBe(true);
    const readiness = await ready();
    expect(readiness.status).toBe(503);
    expect(readiness.body.checks?.db?.ok).toBe(false);
    expect(readiness.body.checks?.live?.ok).toBe(true);
    const summary = summarise(probes, HUNG_AFTER_MS);
    expect(summary.hung).toBe(0);

    pgLink.restore();
    const recoveredMs = await timeUntil(async () => (await createRoom()).status === 201, 30_000);
    // Readiness answers are reused for a second, so it may take that much longer to say so.
    await timeUntil(async () => (await ready()).status === 200, 5_000);
    expect(backend.alive()).toBe(true);
    expect(backend.log()).toContain('database connection lost');
    console.log(
      `[faults] postgres reset: ${summary.requests} requests during the outage, ${summary.hung} hung, ` +
        `slowest ${summary.slowestMs} ms (statuses ${summary.statuses.join('/')}), /health ${healthMs} ms, ` +
        `recovered ${recoveredMs} ms after Postgres was back`,
    );
  }, 60_000);

  test('Postgres partitioned: every request answered within its deadline, recovery by itself', async () => {
    const room = await createRoom();
    expect(room.status).toBe(201);
    pgLink.stall();
    const probes = await requestsDuringOutage(room.id!, 2);
    const healthMs = await healthIsPrompt();
    expect(backend.alive()).toBe(true);
    const storeBound = probes.filter((p) => p.what !== 'GET /api/films/:id/matches');
    for (const p of storeBound) {
      expect({ what: p.what, status: p.status }).toEqual({ what: p.what, status: 503 });
      expect(Number(p.retryAfter)).toBeGreaterThan(0);
    }
    expect((await ready()).status).toBe(503);
    const summary = summarise(probes, HUNG_AFTER_MS);
    expect(summary.hung).toBe(0);

    pgLink.restore();
    const recoveredMs = await timeUntil(async () => (await createRoom()).status === 201, 30_000);
    console.log(
      `[faults] postgres partition: ${summary.requests} requests, ${summary.hung} hung, slowest ${summary.slowestMs} ms ` +
        `(deadline ${REQUEST_DEADLINE_MS} ms), /health ${healthMs} ms, recovered ${recoveredMs} ms after the link healed`,
    );
  }, 90_000);

  test('Redis cut: room reads get 503, creation still works, readiness says so, recovery by itself', async () => {
    const room = await createRoom();
    expect(room.status).toBe(201);
    redisLink.cut();
    await Bun.sleep(200);
    const read = await probe('GET /api/rooms/:id', `${backend.url}/api/rooms/${room.id}`, {
      headers: auth(),
    });
    expect(read).toMatchObject({ status: 503, code: 'live_store_unavailable' });
    expect(Number(read.retryAfter)).toBeGreaterThan(0);
    // The room record and its invites are in Postgres; live state is made on the first join.
    const created = await createRoom();
    expect(created.status).toBe(201);
    const readiness = await ready();
    expect(readiness.status).toBe(503);
    expect(readiness.body.checks?.live?.ok).toBe(false);
    expect(readiness.body.checks?.db?.ok).toBe(true);
    expect(backend.alive()).toBe(true);

    redisLink.restore();
    const recoveredMs = await timeUntil(async () => {
      const again = await probe('GET /api/rooms/:id', `${backend.url}/api/rooms/${room.id}`, {
        headers: auth(),
      });
      return again.status === 200;
    }, 30_000);
    console.log(
      `[faults] redis cut (HTTP): read answered 503 in ${read.ms} ms, creation went on, ` +
        `recovered ${recoveredMs} ms after Redis was back`,
    );
  }, 60_000);

  test('nothing acknowledged was lost: every room answered 201 is there', async () => {
    expect(createdIds.length).toBeGreaterThan(3);
    for (const id of createdIds) {
      const read = await probe('GET /api/rooms/:id', `${backend.url}/api/rooms/${id}`, {
        headers: auth(),
      });
      expect({ id, status: read.status }).toEqual({ id, status: 200 });
    }
  });
});
