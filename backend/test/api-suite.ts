/**
 * The backend's HTTP behaviour, run against both persistence modes:
 * Postgres + Redis + SMTP (production) and PGlite + memory + dev outbox (dev).
 * Uses the real demo cinema as the directory and its tokens.
 */
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import type { ChatMessage } from '@kino/shared/types';
import { type RunningCinema, startCinema } from '../../scripts/cinema/server.ts';
import { signCinemaToken } from '../../scripts/cinema/token.ts';
import type { App } from '../src/app.ts';
import type { AppDeps } from '../src/deps.ts';
import type { ErrorBody } from '../src/http/errors.ts';
import type { RoomEvent } from '../src/live/types.ts';
import { countPendingMail } from '../src/mail/queue.ts';
import { getRoomAccess, listPresence, recordPresence } from '../src/rooms/access.ts';
import { sweepIdleRooms } from '../src/rooms/expiry.ts';
import type { RoomView } from '../src/rooms/model.ts';
import { call } from './support/http.ts';
import { type ReceivedMail, waitUntil } from './support/smtp-sink.ts';
import { tokenFor } from './support/tokens.ts';

export interface BackendEnv {
  app: App;
  deps: AppDeps;
  /** Mail delivered so far (SMTP sink or dev outbox). */
  delivered(): Promise<ReceivedMail[]>;
}

export interface ApiHarness {
  /** Expected `/health` stores. */
  stores: { db: string; live: string; mail: string };
  /** Start a backend on this suite's persistent stores (again after `stop` = a restart). */
  start(cinemaUrl: string): Promise<BackendEnv>;
  stop(env: BackendEnv): Promise<void>;
  cleanup(): Promise<void>;
}

const linkPath = (url: string) => {
  const u = new URL(url);
  return `${u.pathname}${u.search}`;
};

const meta = (html: string, name: string) =>
  new RegExp(`<meta name="${name}" content="([^"]*)">`).exec(html)?.[1];

export function apiSuite(name: string, harness: ApiHarness): void {
  describe(`backend API: ${name}`, () => {
    let cinema: RunningCinema;
    let env: BackendEnv;
    let anna: string;
    let boris: string;
    let dasha: string;
    const app = () => env.app;

    const createRoom = (body: unknown, token = anna) =>
      call<RoomView & Partial<ErrorBody>>(app(), 'POST', '/api/rooms', { token, body });

    beforeAll(async () => {
      cinema = await startCinema({ port: 0 });
      env = await harness.start(cinema.url);
      [anna, boris, dasha] = await Promise.all([
        tokenFor('anna'),
        tokenFor('boris'),
        tokenFor('dasha'),
      ]);
    }, 60_000); // PGlite's first start takes seconds, tens of seconds on a busy machine

    afterAll(async () => {
      if (env) await harness.stop(env);
      await cinema?.stop();
      await harness.cleanup();
    }, 30_000);

    test('health names the stores in use', async () => {
      const res = await call(app(), 'GET', '/health');
      expect(res.status).toBe(200);
      expect(res.json).toEqual({ ok: true, stores: harness.stores });
    });

    test('/api/me is the token user', async () => {
      const res = await call(app(), 'GET', '/api/me', { token: anna });
      expect(res.json).toEqual({ id: 'anna', name: 'Анна' });
    });

    test('matches for anna on night-train are exactly Boris and Vera', async () => {
      const res = await call(app(), 'GET', '/api/films/night-train/matches', { token: anna });
      expect(res.status).toBe(200);
      expect(res.json).toEqual({
        matches: [
          { id: 'boris', name: 'Борис' },
          { id: 'vera', name: 'Вера' },
        ],
      });
    });

    test('matches for an unknown film: 404 JSON', async () => {
      const res = await call(app(), 'GET', '/api/films/no-such-film/matches', { token: anna });
      expect(res.status).toBe(404);
      expect(res.json.code).toBe('film_not_found');
    });

    test('bad tokens get 401 naming the problem', async () => {
      const now = Math.floor(Date.now() / 1000);
      const cases: [string, Record<string, string>, string][] = [
        ['missing', {}, 'token_missing'],
        ['not bearer', { authorization: 'Basic YW5uYTpraW5v' }, 'token_malformed'],
        ['malformed', { authorization: 'Bearer not-a-jwt' }, 'token_malformed'],
        [
          'expired',
          {
            authorization: `Bearer ${await signCinemaToken({ sub: 'anna', name: 'A', issuedAtSec: now - 7200, expiresInSec: 3600 })}`,
          },
          'token_expired',
        ],
        [
          'wrong signature',
          {
            authorization: `Bearer ${await signCinemaToken({ sub: 'anna', name: 'A', secret: 'someone-else' })}`,
          },
          'token_invalid_signature',
        ],
        [
          'wrong issuer',
          {
            authorization: `Bearer ${await signCinemaToken({ sub: 'anna', name: 'A', issuer: 'http://evil' })}`,
          },
          'token_wrong_issuer',
        ],
        [
          'wrong audience',
          {
            authorization: `Bearer ${await signCinemaToken({ sub: 'anna', name: 'A', audience: 'other-app' })}`,
          },
          'token_wrong_audience',
        ],
      ];
      for (const [label, headers, code] of cases) {
        for (const [method, path] of [
          ['GET', '/api/me'],
          ['GET', '/api/films/night-train/matches'],
          ['POST', '/api/rooms'],
        ] as const) {
          const res = await call(app(), method, path, {
            headers,
            body: method === 'POST' ? { filmId: 'night-train', invitees: [] } : undefined,
          });
          expect({ label, path, status: res.status, code: res.json.code }).toEqual({
            label,
            path,
            status: 401,
            code,
          });
          expect(typeof res.json.error).toBe('string');
        }
      }
    });

    test('create a room: 201, unguessable id, invite mails with a personal working link', async () => {
      const before = (await env.delivered()).length;
      const res = await createRoom({ filmId: 'night-train', invitees: ['boris', 'vera', 'boris'] });
      expect(res.status).toBe(201);
      const room = res.json;
      expect(room.id).toMatch(/^[A-Za-z0-9_-]{22}$/);
      expect(room).toMatchObject({
        filmId: 'night-train',
        filmTitle: 'Ночной поезд',
        ownerId: 'anna',
        owner: { id: 'anna', name: 'Анна' },
        invitees: [
          { id: 'boris', name: 'Борис' },
          { id: 'vera', name: 'Вера' },
        ],
        allowLinkJoin: false,
        closedAt: null,
        participants: [],
        playback: { playing: false, position: 0, rate: 1, seq: 0 },
      });
      expect(room.filmUrl).toBe(`${cinema.url}/films/night-train`);
      expect(room.joinUrl).toBe(`${env.deps.config.publicUrl}/join/${room.id}`);

      await waitUntil(
        async () => (await env.delivered()).length >= before + 2,
        5000,
        'two invite mails',
      );
      const mails = (await env.delivered()).slice(before);
      expect(mails.map((m) => m.to).sort()).toEqual(['boris@kino.example', 'vera@kino.example']);
      const tokens = new Set<string>();
      for (const mail of mails) {
        expect(mail.subject).toContain('Анна');
        expect(mail.subject).toContain('Ночной поезд');
        expect(mail.text).toContain('приглашает');
        expect(mail.text).toContain('invites you');
        const link = new RegExp(
          `${env.deps.config.publicUrl}/join/${room.id}\\?invite=([A-Za-z0-9_-]+)`,
        ).exec(mail.text);
        expect(link).not.toBeNull();
        expect(mail.html).toContain(`/join/${room.id}?invite=${link![1]}`);
        tokens.add(link![1]!);
        const page = await call(app(), 'GET', linkPath(link![0]));
        expect(page.status).toBe(200);
        expect(page.headers.get('content-type')).toContain('text/html');
        expect(meta(page.text, 'kino-room')).toBe(room.id);
        expect(meta(page.text, 'kino-film-url')).toBe(room.filmUrl);
        expect(meta(page.text, 'kino-invite')).toBe(link![1]);
        expect(page.text).toContain('Firefox');
        expect(page.text).toContain('Chrome');
      }
      expect(tokens.size).toBe(2);

      const asBoris = await call<RoomView>(app(), 'GET', `/api/rooms/${room.id}`, { token: boris });
      expect(asBoris.status).toBe(200);
      expect(new URL(asBoris.json.joinUrl).searchParams.get('invite')).toBeOneOf([...tokens]);
    });

    test('a non-friend invitee is refused, naming them, and nothing is stored or sent', async () => {
      const before = (await env.delivered()).length;
      const res = await createRoom({
        filmId: 'night-train',
        invitees: ['boris', 'dasha', 'nobody'],
      });
      expect(res.status).toBe(422);
      expect(res.json).toMatchObject({
        code: 'invitee_not_friend',
        details: { userIds: ['dasha', 'nobody'] },
      });
      expect(String(res.json.error)).toContain('dasha');
      await Bun.sleep(100);
      expect((await env.delivered()).length).toBe(before);
    });

    test('inviting yourself or an unknown film is refused', async () => {
      expect((await createRoom({ filmId: 'night-train', invitees: ['anna'] })).json).toMatchObject({
        code: 'invitee_is_owner',
      });
      const unknown = await createRoom({ filmId: 'no-such-film', invitees: ['boris'] });
      expect(unknown.status).toBe(404);
      expect(unknown.json.code).toBe('film_not_found');
    });

    test('malformed bodies get a JSON 4xx', async () => {
      const bodies: [string, { body?: unknown; rawBody?: string }][] = [
        ['not JSON', { rawBody: '{"filmId": ' }],
        ['no filmId', { body: { invitees: ['boris'] } }],
        ['invitees not a list', { body: { filmId: 'night-train', invitees: 'boris' } }],
        ['number id', { body: { filmId: 42, invitees: [] } }],
        ['empty film id', { body: { filmId: '', invitees: [] } }],
        ['a JSON array', { rawBody: '[1,2]' }],
      ];
      for (const [label, opts] of bodies) {
        const res = await call(app(), 'POST', '/api/rooms', { token: anna, ...opts });
        expect({
          label,
          status: res.status >= 400 && res.status < 500,
          code: res.json?.code,
        }).toEqual({
          label,
          status: true,
          code: 'invalid_body',
        });
        expect(typeof res.json.error).toBe('string');
      }
    });

    test('room access: owner and invitees see it, a stranger gets 403, unknown 404', async () => {
      const room = (await createRoom({ filmId: 'night-train', invitees: ['boris'] })).json;
      expect((await call(app(), 'GET', `/api/rooms/${room.id}`, { token: anna })).status).toBe(200);
      expect((await call(app(), 'GET', `/api/rooms/${room.id}`, { token: boris })).status).toBe(
        200,
      );
      const stranger = await call(app(), 'GET', `/api/rooms/${room.id}`, { token: dasha });
      expect(stranger.status).toBe(403);
      expect(stranger.json.code).toBe('room_forbidden');
      const unknown = await call(app(), 'GET', '/api/rooms/AAAAAAAAAAAAAAAAAAAAAA', {
        token: anna,
      });
      expect(unknown.status).toBe(404);
      expect(unknown.json.code).toBe('room_not_found');

      expect(await getRoomAccess(env.deps.db, room.id, 'dasha')).toMatchObject({
        allowed: false,
        isOwner: false,
      });
      expect(await getRoomAccess(env.deps.db, room.id, 'boris')).toMatchObject({
        allowed: true,
        isInvitee: true,
      });
      expect(await getRoomAccess(env.deps.db, room.id, 'anna')).toMatchObject({
        allowed: true,
        isOwner: true,
      });
      expect(await getRoomAccess(env.deps.db, 'nope', 'anna')).toBeNull();
    });

    test('allowLinkJoin lets anyone signed in with the link in', async () => {
      const room = (await createRoom({ filmId: 'night-train', invitees: [], allowLinkJoin: true }))
        .json;
      expect(room.allowLinkJoin).toBe(true);
      expect((await call(app(), 'GET', `/api/rooms/${room.id}`, { token: dasha })).status).toBe(
        200,
      );
      expect(await getRoomAccess(env.deps.db, room.id, 'dasha')).toMatchObject({
        allowed: true,
        isInvitee: false,
      });
    });

    test('close: owner only; tells the hub, drops live state, archives', async () => {
      const room = (await createRoom({ filmId: 'night-train', invitees: ['boris'] })).json;
      const events: RoomEvent[] = [];
      const unsubscribe = await env.deps.live.subscribe((e) => events.push(e));
      const byInvitee = await call(app(), 'POST', `/api/rooms/${room.id}/close`, { token: boris });
      expect(byInvitee.status).toBe(403);
      expect(byInvitee.json.code).toBe('not_room_owner');
      const closed = await call<RoomView>(app(), 'POST', `/api/rooms/${room.id}/close`, {
        token: anna,
      });
      expect(closed.status).toBe(200);
      expect(closed.json.closedAt).not.toBeNull();
      expect(closed.json.closeReason).toBe('closed-by-owner');
      await waitUntil(() => events.some((e) => e.roomId === room.id), 2000, 'room-closed event');
      expect(events.find((e) => e.roomId === room.id)).toEqual({
        roomId: room.id,
        origin: env.deps.instanceId,
        message: { type: 'room-closed', reason: 'closed-by-owner' },
      });
      await unsubscribe();
      expect(await env.deps.live.getPlayback(room.id)).toBeNull();
      expect(await getRoomAccess(env.deps.db, room.id, 'anna')).toMatchObject({ allowed: false });
      // Archived, not deleted: still readable, and closing again is harmless.
      expect(
        (await call<RoomView>(app(), 'GET', `/api/rooms/${room.id}`, { token: boris })).json
          .closedAt,
      ).not.toBeNull();
      expect(
        (await call(app(), 'POST', `/api/rooms/${room.id}/close`, { token: anna })).status,
      ).toBe(200);
      expect((await call(app(), 'GET', `/join/${room.id}`)).status).toBe(410);
    });

    test('join page: English by Accept-Language, 404 page for unknown rooms, foreign tokens dropped', async () => {
      const room = (await createRoom({ filmId: 'night-train', invitees: ['vera'] })).json;
      const en = await call(app(), 'GET', `/join/${room.id}?invite=forged`, {
        headers: { 'accept-language': 'en-GB,en;q=0.9,ru;q=0.5' },
      });
      expect(en.status).toBe(200);
      expect(en.text).toContain('<html lang="en">');
      expect(en.text).toContain('invites you to watch');
      expect(meta(en.text, 'kino-invite')).toBe('');
      expect(en.text).toContain('kinoExtension');
      const ru = await call(app(), 'GET', `/join/${room.id}`);
      expect(ru.text).toContain('<html lang="ru">');
      const missing = await call(app(), 'GET', '/join/unknown-room');
      expect(missing.status).toBe(404);
      expect(missing.headers.get('content-type')).toContain('text/html');
    });

    test('unknown routes: 404 JSON; OpenAPI describes the API', async () => {
      const res = await call(app(), 'GET', '/api/nothing-here', { token: anna });
      expect(res.status).toBe(404);
      expect(res.json).toEqual({ error: 'No such route', code: 'not_found' });
      const spec = await call<{ paths: Record<string, unknown> }>(app(), 'GET', '/openapi/json');
      expect(spec.status).toBe(200);
      expect(Object.keys(spec.json.paths)).toEqual(
        expect.arrayContaining([
          '/api/rooms',
          '/api/rooms/{id}',
          '/api/rooms/{id}/close',
          '/api/films/{filmId}/matches',
          '/health',
        ]),
      );
      expect((await call(app(), 'GET', '/openapi')).status).toBe(200);
    });

    test('CORS: preflight answered, and errors carry the headers too', async () => {
      const preflight = await call(app(), 'OPTIONS', '/api/rooms', {
        headers: { origin: 'http://localhost:3000' },
      });
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get('access-control-allow-headers')).toContain('authorization');
      const denied = await call(app(), 'GET', '/api/me', {
        headers: { origin: 'http://localhost:3000' },
      });
      expect(denied.status).toBe(401);
      expect(denied.headers.get('access-control-allow-origin')).toBe('*');
    });

    test('a restart keeps rooms, live state and sent mail (no re-send)', async () => {
      const room = (await createRoom({ filmId: 'night-train', invitees: ['vera'] })).json;
      // Every invite of this file is out before counting, so any later mail would be a re-send.
      await waitUntil(
        async () => (await countPendingMail(env.deps.db)) === 0,
        5000,
        'empty mail queue',
      );
      const live = env.deps.live;
      const cas = await live.casPlayback(room.id, 0, {
        playing: true,
        position: 42.5,
        at: 1_700_000_000_000,
        rate: 1,
        seq: 1,
      });
      expect(cas.ok).toBe(true);
      const chat: Omit<ChatMessage, 'cursor'> = {
        id: 'c1',
        kind: 'text',
        userId: 'anna',
        name: 'Анна',
        text: 'до рестарта',
        at: 1,
        position: 3,
      };
      await live.appendChat(room.id, chat);
      const mailCount = (await env.delivered()).length;

      await harness.stop(env);
      env = await harness.start(cinema.url);

      const after = await call<RoomView>(app(), 'GET', `/api/rooms/${room.id}`, { token: anna });
      expect(after.status).toBe(200);
      expect(after.json.playback).toEqual({
        playing: true,
        position: 42.5,
        at: 1_700_000_000_000,
        rate: 1,
        seq: 1,
      });
      expect(after.json.invitees).toEqual([{ id: 'vera', name: 'Вера' }]);
      expect(
        (await env.deps.live.chatPage(room.id, { limit: 5 })).messages.map((m) => m.text),
      ).toEqual(['до рестарта']);
      await Bun.sleep(150);
      expect((await env.delivered()).length).toBe(mailCount);
    }, 30_000);

    test('presence is recorded; an idle room with nobody in it expires', async () => {
      const idle = (await createRoom({ filmId: 'night-train', invitees: ['boris'] })).json;
      const busy = (await createRoom({ filmId: 'night-train', invitees: ['boris'] })).json;
      const t0 = env.deps.clock();
      await recordPresence(env.deps.db, {
        roomId: idle.id,
        userId: 'boris',
        connectionId: 'c1',
        event: 'join',
        at: t0,
      });
      await recordPresence(env.deps.db, {
        roomId: idle.id,
        userId: 'boris',
        connectionId: 'c1',
        event: 'leave',
        at: t0 + 1000,
      });
      expect(
        (await listPresence(env.deps.db, idle.id)).map((p) => [
          p.userId,
          p.connectionId,
          p.event,
          p.at,
        ]),
      ).toEqual([
        ['boris', 'c1', 'join', t0],
        ['boris', 'c1', 'leave', t0 + 1000],
      ]);
      await env.deps.live.putParticipant(busy.id, {
        userId: 'anna',
        name: 'Анна',
        connectionId: 'c2',
        instanceId: env.deps.instanceId,
        joinedAt: t0,
        buffering: false,
      });
      const events: RoomEvent[] = [];
      const unsubscribe = await env.deps.live.subscribe((e) => events.push(e));
      const sweep = (now: number) =>
        sweepIdleRooms({
          db: env.deps.db,
          live: env.deps.live,
          clock: () => now,
          instanceId: 'sweeper',
          idleTtlMs: 60_000,
        });

      expect(await sweep(t0 + 1000 + 59_000)).not.toContain(idle.id);
      const expired = await sweep(t0 + 1000 + 60_000);
      expect(expired).toContain(idle.id);
      expect(expired).not.toContain(busy.id);
      await waitUntil(() => events.some((e) => e.roomId === idle.id), 2000, 'expiry event');
      expect(events.find((e) => e.roomId === idle.id)?.message).toEqual({
        type: 'room-closed',
        reason: 'expired',
      });
      await unsubscribe();
      const view = await call<RoomView>(app(), 'GET', `/api/rooms/${idle.id}`, { token: anna });
      expect(view.json.closeReason).toBe('expired');
      expect(
        (await call<RoomView>(app(), 'GET', `/api/rooms/${busy.id}`, { token: anna })).json
          .closedAt,
      ).toBeNull();
    });
  });
}
