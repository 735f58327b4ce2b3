/**
 * Quotas on room creation and invites: 429 with Retry-After and a JSON error saying when,
 * per owner, per sender and per recipient (from everyone), across instances.
 */
import { expect, test } from 'bun:test';
import { eq } from 'drizzle-orm';
import { mailQueue, rooms } from '../../src/db/schema.ts';
import { flood } from '../support/raw-http.ts';
import { tokenFor } from '../support/tokens.ts';
import { createRoom, type HostileStack } from './hostile-stack.ts';

/** A clock the test moves by hand (rooms are stamped with it, tokens checked against it). */
function handClock() {
  let now = Date.now();
  return {
    clock: () => now,
    advance(ms: number) {
      now += ms;
    },
  };
}

export function quotaTests(stack: HostileStack): void {
  test('rooms per owner: the next one is refused with 429 until the oldest leaves the window', async () => {
    const time = handClock();
    const backend = await stack.start(
      { QUOTA_ROOMS: '2', QUOTA_ROOMS_WINDOW_SECONDS: '600' },
      { clock: time.clock },
    );
    try {
      expect((await createRoom(backend, 'anna', [])).status).toBe(201);
      time.advance(60_000);
      expect((await createRoom(backend, 'anna', [])).status).toBe(201);
      time.advance(60_000);
      const refused = await createRoom(backend, 'anna', []);
      expect(refused.status).toBe(429);
      expect(refused.json.code).toBe('quota_rooms');
      // The first room leaves the 10-minute window 8 minutes from now.
      expect(refused.retryAfter).toBe('480');
      expect(refused.json.details).toMatchObject({
        limit: 2,
        windowSeconds: 600,
        retryAfterSeconds: 480,
      });
      expect(Date.parse(refused.json.details!.retryAt!)).toBe(time.clock() + 480_000);
      expect(refused.json.error).toContain('try again in 8 min');
      // Someone else is not affected; the owner is, until the window moves on.
      expect((await createRoom(backend, 'boris', [])).status).toBe(201);
      time.advance(479_000);
      expect((await createRoom(backend, 'anna', [])).status).toBe(429);
      time.advance(1_000);
      expect((await createRoom(backend, 'anna', [])).status).toBe(201);
    } finally {
      await backend.stop();
    }
  }, 60_000);

  test('invites per sender: a room whose invites would pass the quota is refused whole', async () => {
    const time = handClock();
    const backend = await stack.start(
      { QUOTA_INVITES_SENT: '3', QUOTA_INVITES_WINDOW_SECONDS: '3600' },
      { clock: time.clock },
    );
    try {
      expect((await createRoom(backend, 'anna', ['boris', 'vera'])).status).toBe(201);
      const refused = await createRoom(backend, 'anna', ['boris', 'vera', 'gleb']);
      expect(refused).toMatchObject({
        status: 429,
        retryAfter: '3600',
        json: { code: 'quota_invites_sent' },
      });
      // Nothing of the refused room was stored or queued.
      expect(await backend.deps.db.$count(rooms)).toBe(1);
      expect(await backend.deps.db.$count(mailQueue)).toBe(2);
      expect((await createRoom(backend, 'anna', ['gleb'])).status).toBe(201);
      // More invitees at once than the quota could ever allow: no wait helps, so 422.
      const tooMany = await createRoom(backend, 'anna', ['boris', 'vera', 'gleb', 'dasha']);
      expect(tooMany).toMatchObject({ status: 422, json: { code: 'too_many_invitees' } });
      // A refused creation costs nothing: a stranger invited is not counted.
      time.advance(3_600_000);
      expect((await createRoom(backend, 'anna', ['dasha'])).json.code).toBe('invitee_not_friend');
      expect((await createRoom(backend, 'anna', ['boris', 'vera', 'gleb'])).status).toBe(201);
    } finally {
      await backend.stop();
    }
  }, 60_000);

  test('invites per recipient: one person gets at most N invites from everyone', async () => {
    const time = handClock();
    const backend = await stack.start(
      { QUOTA_INVITES_RECEIVED: '2', QUOTA_INVITES_WINDOW_SECONDS: '3600' },
      { clock: time.clock },
    );
    try {
      // Vera is a friend of Anna, Boris and Dasha.
      expect((await createRoom(backend, 'anna', ['vera'])).status).toBe(201);
      time.advance(600_000);
      expect((await createRoom(backend, 'boris', ['vera'])).status).toBe(201);
      const refused = await createRoom(backend, 'dasha', ['vera']);
      expect(refused.status).toBe(429);
      expect(refused.json.code).toBe('quota_invites_received');
      expect(refused.json.details?.people).toEqual([{ id: 'vera', name: 'Вера' }]);
      expect(refused.json.error).toContain('Вера');
      // Anna's invite leaves the hour in 50 minutes.
      expect(refused.retryAfter).toBe('3000');
      // Anna may still invite the others.
      expect((await createRoom(backend, 'anna', ['boris', 'gleb'])).status).toBe(201);
      const queued = await backend.deps.db
        .select()
        .from(mailQueue)
        .where(eq(mailQueue.to, 'vera@kino.example'));
      expect(queued).toHaveLength(2);
    } finally {
      await backend.stop();
    }
  }, 60_000);

  test('requests per user: a burst, then 429 + Retry-After before anything is read', async () => {
    // The clock stands still unless moved, so a slow machine cannot refill the bucket.
    const time = handClock();
    const backend = await stack.start(
      { API_RATE_PER_SECOND: '1', API_RATE_BURST: '5' },
      { clock: time.clock },
    );
    try {
      const anna = { authorization: `Bearer ${await tokenFor('anna')}` };
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) {
        const response = await fetch(`${backend.url}/api/films/film-${i}/matches`, {
          headers: anna,
        });
        statuses.push(response.status);
        if (response.status === 429) {
          expect(response.headers.get('retry-after')).toBe('1');
          expect(((await response.json()) as { code: string }).code).toBe('rate_limited');
        } else {
          await response.body?.cancel();
        }
      }
      // Five unknown films looked up, then the budget is spent.
      expect(statuses).toEqual([404, 404, 404, 404, 404, 429]);
      // Spent means spent for a body too: refused before it is read (in small chunks, under
      // Bun's own transport cap, so only the app can answer).
      const flooded = await flood({
        port: backend.port,
        path: '/api/rooms',
        headers: { 'content-type': 'application/json', ...anna },
        bodyBytes: 32 * 1024,
        chunked: true,
        chunkBytes: 1024,
      });
      expect(flooded.status).toBe(429);
      // Someone else still has their own budget.
      const boris = await fetch(`${backend.url}/api/me`, {
        headers: { authorization: `Bearer ${await tokenFor('boris')}` },
      });
      expect(boris.status).toBe(200);
      time.advance(1_000);
      expect((await fetch(`${backend.url}/api/me`, { headers: anna })).status).toBe(200);
    } finally {
      await backend.stop();
    }
  }, 60_000);

  if (stack.multiInstance) {
    test('two instances racing cannot pass a quota together', async () => {
      const first = await stack.start({ QUOTA_ROOMS: '3' });
      const second = await stack.start({ QUOTA_ROOMS: '3' }, { sameStoresAs: first });
      try {
        const results = await Promise.all(
          Array.from({ length: 10 }, (_, i) => createRoom(i % 2 ? second : first, 'anna', [])),
        );
        const statuses = results.map((r) => r.status).sort();
        expect(statuses).toEqual([201, 201, 201, 429, 429, 429, 429, 429, 429, 429]);
        expect(await first.deps.db.$count(rooms)).toBe(3);
      } finally {
        await second.stop();
        await first.stop();
      }
    }, 60_000);
  }
}
