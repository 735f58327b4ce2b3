/** startBackend: the whole backend on a free port, as the dev script and e2e tests use it. */
import { afterAll, expect, test } from 'bun:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCinema } from '@kino/cinema/server';
import { startBackend } from '../src/main.ts';
import { memoryLogger } from './support/backend.ts';
import { tokenFor } from './support/tokens.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'kino-main-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

test('starts on port 0 with the dev stores, serves HTTP, stops cleanly', async () => {
  const cinema = await startCinema({ port: 0 });
  const backend = await startBackend(
    {
      port: 0,
      dataDir,
      cinemaUrl: cinema.url,
      databaseUrl: undefined,
      redisUrl: undefined,
      smtpUrl: undefined,
    },
    { log: memoryLogger() },
  );
  try {
    expect(backend.port).toBeGreaterThan(0);
    expect(backend.url).toBe(`http://localhost:${backend.port}`);
    expect(backend.deps.config.publicUrl).toBe(backend.url);
    const health = await fetch(`${backend.url}/health`);
    expect(await health.json()).toEqual({
      ok: true,
      stores: { db: 'pglite', live: 'memory', mail: 'outbox' },
    });

    const created = await fetch(`${backend.url}/api/rooms`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${await tokenFor('anna')}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ filmId: 'night-train', invitees: ['boris'] }),
    });
    expect(created.status).toBe(201);
    const room = (await created.json()) as { id: string; joinUrl: string };
    expect(room.joinUrl).toBe(`${backend.url}/join/${room.id}`);
    // The worker started by startBackend delivers to the outbox on its own.
    let outbox: { to: string }[] = [];
    for (let i = 0; i < 100 && outbox.length === 0; i++) {
      await Bun.sleep(50);
      outbox = (await (await fetch(`${backend.url}/dev/outbox`)).json()) as { to: string }[];
    }
    expect(outbox.map((m) => m.to)).toEqual(['boris@kino.example']);
    const page = await fetch(`${backend.url}/dev/outbox.html`);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(await page.text()).toContain('boris@kino.example');
  } finally {
    await backend.stop();
    await cinema.stop();
  }
  expect(fetch(`${backend.url}/health`)).rejects.toThrow();
}, 60_000);

test('a taken port fails the start with an error (and closes what it opened)', async () => {
  const taken = Bun.serve({ port: 0, fetch: () => new Response('busy') });
  try {
    await expect(
      startBackend(
        {
          port: taken.port,
          dataDir: join(dataDir, 'taken'),
          databaseUrl: undefined,
          redisUrl: undefined,
        },
        { log: memoryLogger() },
      ),
    ).rejects.toThrow();
  } finally {
    taken.stop(true);
  }
}, 60_000);

test('stop() tells joined sockets 1012 (service restart) so clients reconnect', async () => {
  const cinema = await startCinema({ port: 0 });
  const backend = await startBackend(
    {
      port: 0,
      dataDir: join(dataDir, 'restart'),
      cinemaUrl: cinema.url,
      databaseUrl: undefined,
      redisUrl: undefined,
      smtpUrl: undefined,
    },
    { log: memoryLogger() },
  );
  try {
    const token = await tokenFor('anna');
    const created = await fetch(`${backend.url}/api/rooms`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ filmId: 'night-train', invitees: ['boris'] }),
    });
    const room = (await created.json()) as { id: string };
    const socket = new WebSocket(`${backend.url.replace('http', 'ws')}/ws`);
    const welcomed = new Promise<void>((resolve) => {
      socket.onmessage = (event) => {
        if (JSON.parse(String(event.data)).type === 'welcome') resolve();
      };
    });
    const closed = new Promise<number>((resolve) => {
      socket.onclose = (event) => resolve(event.code);
    });
    socket.onopen = () =>
      socket.send(
        JSON.stringify({ type: 'hello', v: 1, token, roomId: room.id, clientId: 'client-main-1' }),
      );
    await welcomed;
    await backend.stop();
    expect(await closed).toBe(1012);
  } finally {
    await cinema.stop();
  }
}, 60_000);
