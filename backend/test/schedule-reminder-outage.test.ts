/**
 * A scheduled screening's reminder goes through the same durable queue as invites: an SMTP
 * outage at its moment (and a backend restart meanwhile) delays it, never loses or doubles it.
 */
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { type RunningCinema, startCinema } from '@kino/cinema/server';
import type { RoomView } from '@kino/shared/http/rooms';
import { createTestDatabase, type TestDatabase } from '@kino/test-support/postgres';
import { hasPostgres } from '@kino/test-support/services';
import { freePort, type SmtpSink, startSmtpSink, waitUntil } from '@kino/test-support/smtp-sink';
import { and, eq } from 'drizzle-orm';
import { mailQueue } from '../src/db/schema.ts';
import { closeDeps } from '../src/deps.ts';
import { buildBackend } from './support/backend.ts';
import { call } from './support/http.ts';
import { tokenFor } from './support/tokens.ts';

describe.skipIf(!hasPostgres)('screening reminder through an SMTP outage', () => {
  let cinema: RunningCinema;
  let database: TestDatabase;
  let sink: SmtpSink | undefined;

  beforeAll(async () => {
    cinema = await startCinema({ port: 0 });
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await sink?.stop();
    await cinema?.stop();
    await database?.drop();
  });

  test('due during an outage and a restart: sent once, after, with its Message-ID', async () => {
    const port = await freePort();
    sink = await startSmtpSink(port);
    const backendOn = () =>
      buildBackend({
        DATABASE_URL: database.url,
        SMTP_URL: `smtp://127.0.0.1:${port}?ignoreTLS=1`,
        CINEMA_URL: cinema.url,
        SCREENING_REMINDER_SECONDS: '2',
      });
    let backend = await backendOn();
    const startsAt = Date.now() + 7_000;
    const created = await call<RoomView>(backend.app, 'POST', '/api/rooms', {
      token: await tokenFor('anna'),
      body: {
        filmId: 'night-train',
        invitees: ['boris'],
        startsAt: new Date(startsAt).toISOString(),
      },
    });
    expect(created.status).toBe(201);
    const first = sink;
    await waitUntil(() => first.received.length === 1, 5000, 'the invite');
    expect(first.received[0]?.calendar?.method).toBe('REQUEST');

    // The mail server goes away before the reminder's moment (startsAt - 2 s).
    await sink.stop();
    const reminderRow = async () =>
      (
        await backend.deps.db
          .select()
          .from(mailQueue)
          .where(and(eq(mailQueue.roomId, created.json.id), eq(mailQueue.kind, 'reminder')))
      )[0];
    const queued = await reminderRow();
    expect(queued?.nextAttemptAt.getTime()).toBe(startsAt - 2_000);
    await waitUntil(async () => (await reminderRow())?.lastError != null, 10_000, 'a failed try');
    expect((await reminderRow())?.status).toBe('pending');

    // A restart during the outage: the reminder is in Postgres, not in the process.
    await closeDeps(backend.deps);
    backend = await backendOn();
    await Bun.sleep(300);
    sink = await startSmtpSink(port);
    const second = sink;
    await waitUntil(() => second.received.length >= 1, 10_000, 'the reminder after the outage');
    await Bun.sleep(500);
    expect(second.received).toHaveLength(1);
    const reminder = second.received[0]!;
    expect(reminder.to).toBe('boris@kino.example');
    expect(reminder.subject).toContain('Скоро начало');
    expect(reminder.messageId).toBe(queued!.messageId);
    expect((await reminderRow())?.status).toBe('sent');
    await closeDeps(backend.deps);
  }, 40_000);
});
