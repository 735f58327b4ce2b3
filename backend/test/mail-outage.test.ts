/**
 * Durable invites: an SMTP outage while a room is created loses nothing. The mail
 * waits in Postgres, is retried with backoff, and goes out once SMTP is back —
 * in the same process, or after a restart.
 */
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { type RunningCinema, startCinema } from '@kino/cinema/server';
import type { RoomView } from '@kino/shared/http/rooms';
import { createTestDatabase, type TestDatabase } from '@kino/test-support/postgres';
import { hasPostgres } from '@kino/test-support/services';
import { freePort, type SmtpSink, startSmtpSink, waitUntil } from '@kino/test-support/smtp-sink';
import { eq } from 'drizzle-orm';
import { mailQueue } from '../src/db/schema.ts';
import { closeDeps } from '../src/deps.ts';
import { buildBackend } from './support/backend.ts';
import { call } from './support/http.ts';
import { tokenFor } from './support/tokens.ts';

describe.skipIf(!hasPostgres)('mail delivery through an SMTP outage', () => {
  let cinema: RunningCinema;
  let database: TestDatabase;
  const sinks: SmtpSink[] = [];

  beforeAll(async () => {
    cinema = await startCinema({ port: 0 });
    database = await createTestDatabase();
  });
  afterAll(async () => {
    for (const sink of sinks) await sink.stop();
    await cinema?.stop();
    await database?.drop();
  });

  const backendOn = (smtpPort: number) =>
    buildBackend({
      DATABASE_URL: database.url,
      SMTP_URL: `smtp://127.0.0.1:${smtpPort}?ignoreTLS=true`,
      CINEMA_URL: cinema.url,
    });

  const pendingFor = async (db: Awaited<ReturnType<typeof backendOn>>['deps']['db']) =>
    db.select().from(mailQueue).where(eq(mailQueue.status, 'pending'));

  test('SMTP down at creation: kept pending, delivered once SMTP is back', async () => {
    const port = await freePort();
    const backend = await backendOn(port);
    const created = await call<RoomView>(backend.app, 'POST', '/api/rooms', {
      token: await tokenFor('anna'),
      body: { filmId: 'night-train', invitees: ['boris', 'vera'] },
    });
    expect(created.status).toBe(201);

    await waitUntil(
      async () => (await pendingFor(backend.deps.db)).some((m) => m.lastError !== null),
      5000,
      'a failed attempt',
    );
    expect(backend.deps.mail.worker.serverDown).toBe(true);
    const failing = await pendingFor(backend.deps.db);
    expect(failing).toHaveLength(2);
    // An outage is not the mails' fault: no attempt is counted against them.
    expect(failing.map((m) => m.attempts)).toEqual([0, 0]);

    const sink = await startSmtpSink(port);
    sinks.push(sink);
    await waitUntil(() => sink.received.length >= 2, 5000, 'delivery after the outage');
    expect(sink.received.map((m) => m.to).sort()).toEqual([
      'boris@kino.example',
      'vera@kino.example',
    ]);
    expect(sink.received.every((m) => m.text.includes(`/join/${created.json.id}`))).toBe(true);
    await Bun.sleep(300);
    expect(sink.received).toHaveLength(2);
    expect(await pendingFor(backend.deps.db)).toEqual([]);
    await closeDeps(backend.deps);
    await sink.stop();
    sinks.splice(sinks.indexOf(sink), 1);
  });

  test('a restart sends what was still pending', async () => {
    const port = await freePort();
    const first = await backendOn(port);
    const created = await call<RoomView>(first.app, 'POST', '/api/rooms', {
      token: await tokenFor('anna'),
      body: { filmId: 'night-train', invitees: ['gleb'] },
    });
    expect(created.status).toBe(201);
    await waitUntil(
      async () => (await pendingFor(first.deps.db)).some((m) => m.lastError !== null),
      5000,
      'a failed attempt',
    );
    await closeDeps(first.deps);

    const sink = await startSmtpSink(port);
    sinks.push(sink);
    const second = await backendOn(port);
    await waitUntil(() => sink.received.length >= 1, 5000, 'delivery after the restart');
    expect(sink.received.map((m) => m.to)).toEqual(['gleb@kino.example']);
    expect(sink.received[0]!.text).toContain(created.json.id);
    await closeDeps(second.deps);
  });
});
