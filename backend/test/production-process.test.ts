/**
 * `bun run start` as an operator runs it, on real Postgres, Redis and SMTP: every line it
 * prints is one JSON object (time, level, msg, instance…) with no token, e-mail address or
 * chat text in it, and SIGTERM is a graceful stop — no new connections, sockets told 1012, the
 * request in flight answered, exit 0 within seconds; a second signal exits at once.
 */
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { randomBytes, randomUUID } from 'node:crypto';
import { connect } from 'node:net';
import { type RunningCinema, startCinema } from '@kino/cinema/server';
import { signCinemaToken } from '@kino/cinema/token';
import { parseJsonLog } from '@kino/test-support/json-log';
import { createTestDatabase, type TestDatabase } from '@kino/test-support/postgres';
import { hasPostgres, hasRedis, REDIS_TEST_URL } from '@kino/test-support/services';
import { type SmtpSink, startSmtpSink, waitUntil } from '@kino/test-support/smtp-sink';
import { SHUTDOWN_TIMING } from '../src/shutdown.ts';
import { deleteRedisPrefix } from './support/redis.ts';

const root = new URL('../..', import.meta.url).pathname;
const CHAT_TEXT = `a private line ${randomUUID()}`;
/** The mail server refuses Vera's address, quoting it (as real ones do). */
const REFUSED = 'vera@kino.example';

interface Started {
  port: number;
  lines: string[];
  proc: ReturnType<typeof Bun.spawn>;
  exited: Promise<number>;
}

describe.skipIf(!hasPostgres || !hasRedis)('bun run start: JSON logs and graceful SIGTERM', () => {
  const jwtSecret = randomBytes(32).toString('hex');
  const serviceKey = randomBytes(24).toString('hex');
  const prefix = `kino_t_${randomUUID()}:`;
  let database: TestDatabase;
  let sink: SmtpSink;
  let cinema: RunningCinema;
  const secrets: string[] = [jwtSecret, serviceKey];

  beforeAll(async () => {
    database = await createTestDatabase();
    sink = await startSmtpSink(0, {
      beforeAccept: async (mail) => {
        if (mail.to === REFUSED) {
          throw Object.assign(new Error(`<${REFUSED}>: Recipient address rejected`), {
            responseCode: 550,
          });
        }
      },
    });
    cinema = await startCinema({ port: 0, jwtSecret, serviceKey });
  });
  afterAll(async () => {
    await cinema?.stop();
    await sink?.stop();
    await database?.drop();
    await deleteRedisPrefix(REDIS_TEST_URL, prefix);
  });

  async function start(instance: string): Promise<Started> {
    const proc = Bun.spawn(['bun', 'run', 'start'], {
      cwd: root,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        HOST: '127.0.0.1',
        PORT: '0',
        INSTANCE_ID: instance,
        PUBLIC_URL: 'https://together.kino.test',
        DATABASE_URL: database.url,
        REDIS_URL: REDIS_TEST_URL,
        REDIS_PREFIX: prefix,
        SMTP_URL: sink.url,
        CINEMA_URL: cinema.url,
        CINEMA_SERVICE_KEY: serviceKey,
        JWT_SECRET: jwtSecret,
      },
      stdout: 'pipe',
      stderr: 'pipe',
    });
    const lines: string[] = [];
    const collect = async (stream: ReadableStream<Uint8Array>) => {
      const decoder = new TextDecoder();
      let rest = '';
      for await (const chunk of stream) {
        const parts = (rest + decoder.decode(chunk, { stream: true })).split('\n');
        rest = parts.pop() ?? '';
        lines.push(...parts);
      }
      if (rest) lines.push(rest);
    };
    void collect(proc.stdout);
    void collect(proc.stderr);
    let port = 0;
    await waitUntil(
      () => {
        const listening = lines.find((l) => l.includes('listening on'));
        if (listening) port = (JSON.parse(listening) as { port: number }).port;
        return port > 0 || proc.exitCode !== null;
      },
      30_000,
      `${instance} to listen`,
    );
    if (!port) throw new Error(`${instance} did not start:\n${lines.join('\n')}`);
    return { port, lines, proc, exited: proc.exited };
  }

  const token = (sub: string, name: string) =>
    signCinemaToken({ sub, name, secret: jwtSecret }).then((t) => {
      secrets.push(t);
      return t;
    });

  /** Every line one JSON object with the required keys; nothing private in any of them. */
  function expectCleanJsonLog(lines: string[], instance: string) {
    expect(parseJsonLog(lines, instance).length).toBeGreaterThan(2);
    for (const line of lines) {
      expect(line).not.toMatch(/[\w.+-]+@kino\.example/);
      expect(line).not.toContain(CHAT_TEXT);
      for (const secret of secrets) expect(line).not.toContain(secret);
    }
  }

  test('logs JSON lines without private data; SIGTERM drains and exits 0', async () => {
    const backend = await start('api-logs');
    const base = `http://127.0.0.1:${backend.port}`;
    const anna = await token('anna', 'Анна');
    const created = await fetch(`${base}/api/rooms`, {
      method: 'POST',
      headers: { authorization: `Bearer ${anna}`, 'content-type': 'application/json' },
      body: JSON.stringify({ filmId: 'night-train', invitees: ['boris', 'vera'] }),
    });
    expect(created.status).toBe(201);
    const room = (await created.json()) as { id: string };
    // Boris's invite arrives; Vera's is refused by the mail server, which quotes her address.
    await waitUntil(() => sink.received.some((m) => m.to === 'boris@kino.example'), 15_000, 'mail');
    await waitUntil(
      () => backend.lines.some((l) => l.includes('refused')),
      15_000,
      'the refusal in the log',
    );
    expect(sink.received[0]!.text).toContain(`/join/${room.id}`);
    // A link from an older mail still carries a token in its query: the log must not show it.
    secrets.push('tok_from_an_old_mail');
    expect((await fetch(`${base}/join/${room.id}?invite=tok_from_an_old_mail`)).status).toBe(200);
    // A bad token and an unhandled path log nothing private either.
    await fetch(`${base}/api/me`, { headers: { authorization: 'Bearer eyJhbGciOi.bad.token' } });

    // Anna in the room, chatting.
    const socket = new WebSocket(`ws://127.0.0.1:${backend.port}/ws`);
    const frames: { type: string }[] = [];
    const closed = new Promise<number>((resolve) => {
      socket.onclose = (event) => resolve(event.code);
    });
    socket.onmessage = (event) => frames.push(JSON.parse(String(event.data)));
    socket.onopen = () =>
      socket.send(
        JSON.stringify({ type: 'hello', v: 1, token: anna, roomId: room.id, clientId: 'c-logs-1' }),
      );
    await waitUntil(() => frames.some((f) => f.type === 'welcome'), 10_000, 'welcome');
    socket.send(JSON.stringify({ type: 'chat', id: 'm-logs-1', text: CHAT_TEXT }));
    await waitUntil(() => frames.some((f) => f.type === 'chat'), 10_000, 'the chat echo');

    // A request in flight at SIGTERM: headers and half the body sent, the rest after.
    const body = JSON.stringify({ filmId: 'night-train', invitees: ['boris'] });
    const raw = connect(backend.port, '127.0.0.1');
    let answer = '';
    raw.on('data', (chunk) => {
      answer += chunk.toString();
    });
    await new Promise<void>((resolve) => raw.once('connect', () => resolve()));
    raw.write(
      `POST /api/rooms HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${anna}\r\n` +
        `Content-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body.slice(0, 10)}`,
    );
    await Bun.sleep(300);

    const signalled = performance.now();
    backend.proc.kill('SIGTERM');
    // The socket is told "service restart" so its client reconnects elsewhere.
    expect(await closed).toBe(1012);
    // No new connections…
    await waitUntil(
      async () =>
        !(await fetch(`${base}/health`)
          .then(() => true)
          .catch(() => false)),
      3_000,
      'the listener to close',
    );
    // …while the request in flight still gets its answer.
    raw.write(body.slice(10));
    await waitUntil(() => /\r\n\r\n/.test(answer), 5_000, 'the in-flight answer');
    expect(answer).toMatch(/^HTTP\/1\.1 201/);
    raw.destroy();

    expect(await backend.exited).toBe(0);
    const seconds = (performance.now() - signalled) / 1000;
    console.log(`[shutdown] SIGTERM to exit 0: ${seconds.toFixed(2)} s`);
    expect(seconds).toBeLessThan(SHUTDOWN_TIMING.deadlineMs / 1000);
    const messages = backend.lines.map((l) => (JSON.parse(l) as { msg: string }).msg);
    expect(messages).toContain('shutting down');
    expect(messages.at(-1)).toBe('stopped');
    if (process.env.SHOW_LOG) console.log(backend.lines.join('\n'));
    expectCleanJsonLog(backend.lines, 'api-logs');
  }, 60_000);

  test('a second SIGTERM exits at once, even with a request stuck in flight', async () => {
    const backend = await start('api-twice');
    const anna = await token('anna', 'Анна');
    const raw = connect(backend.port, '127.0.0.1');
    await new Promise<void>((resolve) => raw.once('connect', () => resolve()));
    // A body that never finishes: the drain would wait for it.
    raw.write(
      `POST /api/rooms HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${anna}\r\n` +
        'Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{',
    );
    await Bun.sleep(200);
    backend.proc.kill('SIGTERM');
    await waitUntil(() => backend.lines.some((l) => l.includes('shutting down')), 5_000, 'drain');
    const second = performance.now();
    backend.proc.kill('SIGTERM');
    expect(await backend.exited).toBe(143);
    expect(performance.now() - second).toBeLessThan(2_000);
    raw.destroy();
    expect(backend.lines.some((l) => l.includes('second signal'))).toBe(true);
    expectCleanJsonLog(backend.lines, 'api-twice');
  }, 60_000);
});
