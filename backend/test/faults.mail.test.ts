/**
 * Invites through mail-server outages and a backend killed mid-send, with backend processes
 * on real Postgres and a real SMTP receiver. Every invite arrives; none twice, except in the
 * one window no sender can close (the server accepted, the sender died before hearing so),
 * where the copy carries the same Message-ID. Figures are printed as `[faults] …` lines.
 */
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { type RunningCinema, startCinema } from '@kino/cinema/server';
import { createTestDatabase, type TestDatabase } from '@kino/test-support/postgres';
import { hasPostgres } from '@kino/test-support/services';
import {
  freePort,
  type SmtpSink,
  type SmtpSinkOptions,
  startSmtpSink,
  waitUntil,
} from '@kino/test-support/smtp-sink';
import { eq } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import { Pool } from 'pg';
import { mailQueue } from '../src/db/schema.ts';
import { MAIL_TIMING } from '../src/mail/worker.ts';
import { ROOMY_LIMITS } from './support/backend.ts';
import { type ChildBackend, startChildBackend } from './support/child-backend.ts';
import { tokenFor } from './support/tokens.ts';

/** In the kill tests a lease runs this long instead of MAIL_TIMING.leaseMs, to keep them short. */
const TEST_LEASE_MS = 4_000;

describe.skipIf(!hasPostgres)('faults: invites through SMTP outages and crashes', () => {
  let cinema: RunningCinema;
  const databases: TestDatabase[] = [];
  const sinks: SmtpSink[] = [];
  const children: ChildBackend[] = [];
  const pools: Pool[] = [];

  beforeAll(async () => {
    cinema = await startCinema({ port: 0 });
  });
  afterAll(async () => {
    for (const child of children) await child.kill('SIGKILL');
    for (const sink of sinks) await sink.stop();
    for (const pool of pools) await pool.end();
    await cinema?.stop();
    for (const database of databases) await database.drop();
  }, 30_000);

  async function sinkOn(port: number, options: SmtpSinkOptions = {}) {
    const sink = await startSmtpSink(port, options);
    sinks.push(sink);
    return sink;
  }

  async function backendOn(database: TestDatabase, smtpPort: number, overrides = {}) {
    const child = await startChildBackend(
      {
        ...ROOMY_LIMITS,
        DATABASE_URL: database.url,
        SMTP_URL: `smtp://127.0.0.1:${smtpPort}?ignoreTLS=true`,
        CINEMA_URL: cinema.url,
        PUBLIC_URL: 'http://localhost:8787',
      },
      overrides,
    );
    children.push(child);
    return child;
  }

  async function invite(backend: ChildBackend, owner: string, invitees: string[]): Promise<void> {
    const response = await fetch(`${backend.url}/api/rooms`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${await tokenFor(owner)}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ filmId: 'night-train', invitees }),
    });
    expect(response.status).toBe(201);
  }

  async function queueOf(database: TestDatabase) {
    const pool = new Pool({ connectionString: database.url, max: 1 });
    pools.push(pool);
    const db = drizzle(pool);
    return {
      all: () => db.select().from(mailQueue),
      pending: () => db.select().from(mailQueue).where(eq(mailQueue.status, 'pending')),
    };
  }

  /** Lost = queued invites never received; doubled = receptions beyond one per Message-ID. */
  function tally(queued: { messageId: string }[], received: { messageId: string }[]) {
    const ids = received.map((m) => m.messageId);
    const unique = new Set(ids);
    return {
      queued: queued.length,
      lost: queued.filter((q) => !unique.has(q.messageId)).length,
      doubled: ids.length - unique.size,
      strangers: ids.filter((id) => !queued.some((q) => q.messageId === id)).length,
    };
  }

  test('SMTP stopped and restarted: all invites delivered within seconds, none lost or doubled', async () => {
    const database = await createTestDatabase();
    databases.push(database);
    const port = await freePort();
    let sink = await sinkOn(port);
    const backend = await backendOn(database, port);
    const queue = await queueOf(database);
    await invite(backend, 'anna', ['boris', 'vera']);
    await waitUntil(() => sink.received.length === 2, 10_000, 'mail before the outage');
    const before = [...sink.received];

    await sink.stop();
    await invite(backend, 'anna', ['gleb']);
    await invite(backend, 'boris', ['vera']);
    await invite(backend, 'dasha', ['vera']);
    await waitUntil(
      async () => (await queue.pending()).some((m) => m.lastError !== null),
      10_000,
      'a failed send',
    );
    // Long enough for the old 10-minute backoff to have pushed retries far away.
    await Bun.sleep(3_000);

    const restarted = performance.now();
    sink = await sinkOn(port);
    await waitUntil(async () => (await queue.pending()).length === 0, 20_000, 'the queue drained');
    const deliveredMs = Math.round(performance.now() - restarted);
    await Bun.sleep(500);
    const figures = tally(await queue.all(), [...before, ...sink.received]);
    expect(figures).toEqual({ queued: 5, lost: 0, doubled: 0, strangers: 0 });
    expect(backend.alive()).toBe(true);
    console.log(
      `[faults] smtp stopped ~3.5 s and restarted: ${figures.queued} invites, ${figures.lost} lost, ` +
        `${figures.doubled} doubled, queue drained ${deliveredMs} ms after SMTP was back ` +
        `(probe every ${MAIL_TIMING.probeMs} ms)`,
    );
  }, 60_000);

  test('backend killed mid-send before the server accepted: the rest of the batch does not wait', async () => {
    const database = await createTestDatabase();
    databases.push(database);
    const port = await freePort();
    let killedAt = 0;
    let first: ChildBackend | undefined;
    let heldId = '';
    // The first mail's data arrives, the server never answers it, and the sender dies.
    const held = new Promise<void>((resolve) => {
      void sinkOn(port, {
        async beforeAccept(mail) {
          if (heldId === '' || heldId === mail.messageId) {
            heldId = mail.messageId;
            if (killedAt === 0) {
              await first!.kill('SIGKILL');
              killedAt = performance.now();
              resolve();
              await new Promise(() => {}); // never accepted
            }
          }
        },
      });
    });
    await Bun.sleep(100);
    first = await backendOn(database, port, { mailLeaseMs: TEST_LEASE_MS });
    await invite(first, 'anna', ['boris', 'vera', 'gleb']);
    await held;
    const sink = sinks.at(-1)!;
    const queue = await queueOf(database);
    expect((await queue.pending()).length).toBe(3);

    const second = await backendOn(database, port, { mailLeaseMs: TEST_LEASE_MS });
    const restarted = performance.now();
    await waitUntil(() => sink.received.length >= 2, 10_000, 'the rest of the batch');
    const restMs = Math.round(performance.now() - restarted);
    expect(sink.received.map((m) => m.messageId)).not.toContain(heldId);
    await waitUntil(() => sink.received.length >= 3, TEST_LEASE_MS + 10_000, 'the held invite');
    const heldMs = Math.round(performance.now() - killedAt);
    await Bun.sleep(500);
    const queued = await queue.all();
    const figures = tally(queued, sink.received);
    expect(figures).toEqual({ queued: 3, lost: 0, doubled: 0, strangers: 0 });
    // The re-sent invite is the same message: its Message-ID is the one queued with it.
    expect(queued.map((q) => q.messageId)).toContain(heldId);
    expect(second.alive()).toBe(true);
    console.log(
      `[faults] backend SIGKILLed mid-send (before the server accepted): the other 2 invites ` +
        `out ${restMs} ms after the restart, the one in flight ${heldMs} ms after the kill ` +
        `(lease ${TEST_LEASE_MS} ms here, ${MAIL_TIMING.leaseMs} ms by default); ` +
        `${figures.lost} lost, ${figures.doubled} doubled`,
    );
  }, 60_000);

  test('backend killed after the server accepted: the one re-send carries the same Message-ID', async () => {
    const database = await createTestDatabase();
    databases.push(database);
    const port = await freePort();
    let first: ChildBackend | undefined;
    let killed = false;
    const sink = await sinkOn(port, {
      async beforeAccept() {
        if (!killed) {
          killed = true;
          await first!.kill('SIGKILL');
        }
      },
    });
    first = await backendOn(database, port, { mailLeaseMs: TEST_LEASE_MS });
    await invite(first, 'anna', ['boris']);
    await waitUntil(() => killed && sink.received.length === 1, 10_000, 'accepted, sender dead');

    await backendOn(database, port, { mailLeaseMs: TEST_LEASE_MS });
    await waitUntil(() => sink.received.length === 2, TEST_LEASE_MS + 10_000, 'the re-send');
    const [original, copy] = sink.received;
    expect(copy!.messageId).toBe(original!.messageId);
    expect(copy!.to).toBe(original!.to);
    const queue = await queueOf(database);
    expect(await queue.pending()).toEqual([]);
    console.log(
      '[faults] backend SIGKILLed after the server accepted (before it heard so): 1 re-send, ' +
        `same Message-ID ${original!.messageId === copy!.messageId ? 'yes' : 'NO'}`,
    );
  }, 60_000);
});
