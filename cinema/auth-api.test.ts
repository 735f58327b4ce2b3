import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { decodeProtectedHeader } from 'jose';
import { type RunningCinema, startCinema } from './server.ts';
import { verifyCinemaToken } from './token.ts';

const SECRET = 'auth-api-test-secret';
const ISSUER = 'http://cinema.test';
const AUDIENCE = 'kino-vmeste';

let cinema: RunningCinema;
beforeAll(async () => {
  cinema = await startCinema({ port: 0, jwtSecret: SECRET, issuer: ISSUER, audience: AUDIENCE });
});
afterAll(() => cinema.stop());

function postLogin(body: BodyInit, contentType = 'application/json'): Promise<Response> {
  return fetch(`${cinema.url}/api/login`, {
    method: 'POST',
    headers: { 'Content-Type': contentType },
    body,
  });
}

function sessionCookieOf(res: Response): string {
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('kino_session='));
  if (!cookie) throw new Error('no kino_session cookie set');
  return cookie;
}

describe('POST /api/login', () => {
  test('right password: token, user and an HttpOnly SameSite=Lax session cookie', async () => {
    const res = await postLogin(JSON.stringify({ login: 'anna', password: 'kino' }));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { accessToken: string; user: { id: string; name: string } };
    expect(body.user).toEqual({ id: 'anna', name: 'Анна' });

    expect(decodeProtectedHeader(body.accessToken).alg).toBe('HS256');
    const claims = await verifyCinemaToken(body.accessToken, {
      secret: SECRET,
      issuer: ISSUER,
      audience: AUDIENCE,
    });
    expect(claims?.sub).toBe('anna');
    expect(claims?.name).toBe('Анна');
    expect(claims!.exp - claims!.iat).toBe(12 * 60 * 60);

    const cookie = sessionCookieOf(res);
    expect(cookie).toStartWith(`kino_session=${body.accessToken};`);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Lax');
    expect(cookie).toContain('Path=/');
  });

  test.each([
    ['a wrong password', { login: 'anna', password: 'wrong' }],
    ['an unknown user', { login: 'zoya', password: 'kino' }],
  ])('401 JSON error for %s', async (_name, creds) => {
    const res = await postLogin(JSON.stringify(creds));
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toContain('application/json');
    expect(((await res.json()) as { error: string }).error).toBe('Wrong login or password');
    expect(res.headers.getSetCookie()).toEqual([]);
  });

  test.each([
    ['not JSON', 'login=anna&password=kino'],
    ['truncated JSON', '{"login":"anna",'],
    ['an empty body', ''],
    ['JSON null', 'null'],
    ['a JSON array', '[]'],
    ['a missing password', JSON.stringify({ login: 'anna' })],
    ['a numeric login', JSON.stringify({ login: 1, password: 'kino' })],
    ['an object password', JSON.stringify({ login: 'anna', password: { $gt: '' } })],
    ['an oversized body', JSON.stringify({ login: 'anna', password: 'k'.repeat(10_000) })],
  ])('400 JSON error for %s', async (_name, body) => {
    const res = await postLogin(body);
    expect(res.status).toBe(400);
    const json = (await res.json()) as { error: unknown };
    expect(typeof json.error).toBe('string');
  });

  test('a multi-megabyte body, declared or streamed, gets a JSON 400 without a crash', async () => {
    const res = await postLogin('x'.repeat(5_000_000));
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toContain('larger than');

    const chunk = new TextEncoder().encode('x'.repeat(64 * 1024));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 80) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const streamed = await postLogin(stream);
    expect(streamed.status).toBe(400);
    // The server still answers afterwards.
    expect((await fetch(`${cinema.url}/api/films`)).status).toBe(200);
  });
});

describe('session cookie flow', () => {
  test('signed out → 401; login → session returns the same token; logout clears it', async () => {
    const before = await fetch(`${cinema.url}/api/session`);
    expect(before.status).toBe(401);
    expect(((await before.json()) as { error: string }).error).toBeString();

    const login = await postLogin(JSON.stringify({ login: 'boris', password: 'kino' }));
    const { accessToken } = (await login.json()) as { accessToken: string };
    const cookie = sessionCookieOf(login).split(';')[0]!;

    const session = await fetch(`${cinema.url}/api/session`, { headers: { Cookie: cookie } });
    expect(session.status).toBe(200);
    expect(await session.json()).toEqual({ accessToken, user: { id: 'boris', name: 'Борис' } });

    const logout = await fetch(`${cinema.url}/api/logout`, {
      method: 'POST',
      headers: { Cookie: cookie },
    });
    expect(logout.status).toBe(200);
    const cleared = sessionCookieOf(logout);
    expect(cleared).toStartWith('kino_session=;');
    expect(cleared).toContain('Max-Age=0');
  });

  test('a forged or foreign-secret cookie is not a session', async () => {
    const forged = await fetch(`${cinema.url}/api/session`, {
      headers: { Cookie: 'kino_session=eyJhbGciOiJub25lIn0.eyJzdWIiOiJhbm5hIn0.' },
    });
    expect(forged.status).toBe(401);
  });

  test('the HTML form signs in, redirects to a local "next" and sets the cookie', async () => {
    const res = await fetch(`${cinema.url}/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'login=vera&password=kino&next=%2Ffilms%2Fnight-train',
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/films/night-train');
    const cookie = sessionCookieOf(res).split(';')[0]!;
    const home = await (await fetch(`${cinema.url}/`, { headers: { Cookie: cookie } })).text();
    expect(home).toContain('data-user-id="vera"');
  });

  test('the HTML form with a wrong password shows the error in the page', async () => {
    const res = await fetch(`${cinema.url}/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'login=vera&password=nope&next=https%3A%2F%2Fevil.example',
    });
    expect(res.status).toBe(401);
    const page = await res.text();
    expect(page).toContain('Неверный логин или пароль');
    expect(page).toContain('name="next" value="/"');
  });
});
