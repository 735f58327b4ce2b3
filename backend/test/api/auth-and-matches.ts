/** Health, auth, matches, error shapes, OpenAPI and CORS. */
import { expect, test } from 'bun:test';
import { signCinemaToken } from '@kino/cinema/token';
import { call } from '../support/http.ts';
import type { SuiteContext } from './context.ts';

export function authAndMatchesTests(ctx: SuiteContext): void {
  test('health names the stores in use', async () => {
    const res = await call(ctx.app(), 'GET', '/health');
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ ok: true, stores: ctx.harness.stores });
  });

  test('/api/me is the token user', async () => {
    const res = await call(ctx.app(), 'GET', '/api/me', { token: ctx.anna });
    expect(res.json).toEqual({ id: 'anna', name: 'Анна' });
  });

  test('matches for anna on night-train are exactly Boris and Vera', async () => {
    const res = await call(ctx.app(), 'GET', '/api/films/night-train/matches', { token: ctx.anna });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({
      matches: [
        { id: 'boris', name: 'Борис' },
        { id: 'vera', name: 'Вера' },
      ],
    });
  });

  test('matches for an unknown film: 404 JSON', async () => {
    const res = await call(ctx.app(), 'GET', '/api/films/no-such-film/matches', {
      token: ctx.anna,
    });
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
        const res = await call(ctx.app(), method, path, {
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

  test('unknown routes: 404 JSON; OpenAPI describes the API', async () => {
    const res = await call(ctx.app(), 'GET', '/api/nothing-here', { token: ctx.anna });
    expect(res.status).toBe(404);
    expect(res.json).toEqual({ error: 'No such route', code: 'not_found' });
    const spec = await call<{ paths: Record<string, unknown> }>(ctx.app(), 'GET', '/openapi/json');
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
    expect((await call(ctx.app(), 'GET', '/openapi')).status).toBe(200);
  });

  test('CORS: preflight answered, and errors carry the headers too', async () => {
    const preflight = await call(ctx.app(), 'OPTIONS', '/api/rooms', {
      headers: { origin: 'http://localhost:3000' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-headers')).toContain('authorization');
    const denied = await call(ctx.app(), 'GET', '/api/me', {
      headers: { origin: 'http://localhost:3000' },
    });
    expect(denied.status).toBe(401);
    expect(denied.headers.get('access-control-allow-origin')).toBe('*');
  });
}
