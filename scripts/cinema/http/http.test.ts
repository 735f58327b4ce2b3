import { describe, expect, test } from 'bun:test';
import { MAX_BODY_BYTES, parseCredentials, parseJson, readSmallBody } from './body.ts';
import { parseCookies } from './cookies.ts';
import { matchRoute, type Route } from './router.ts';

describe('parseCredentials', () => {
  test('accepts login and password, normalising the login', () => {
    expect(parseCredentials({ login: ' Anna ', password: 'kino' })).toEqual({
      ok: true,
      value: { login: 'anna', password: 'kino' },
    });
  });

  test.each([
    ['null', null],
    ['an array', [{ login: 'anna', password: 'kino' }]],
    ['a string', 'anna:kino'],
    ['missing password', { login: 'anna' }],
    ['missing login', { password: 'kino' }],
    ['a numeric login', { login: 42, password: 'kino' }],
    ['an empty login', { login: '  ', password: 'kino' }],
    ['an object password', { login: 'anna', password: { $ne: '' } }],
    ['a too long login', { login: 'a'.repeat(300), password: 'kino' }],
  ])('refuses %s', (_name, input) => {
    const result = parseCredentials(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.length).toBeGreaterThan(0);
  });
});

describe('parseJson and readSmallBody', () => {
  test('bad JSON is an error, not a throw', () => {
    expect(parseJson('{"login":').ok).toBe(false);
    expect(parseJson('{"a":1}')).toEqual({ ok: true, value: { a: 1 } });
  });

  test('bodies over the limit are refused', async () => {
    const big = new Request('http://localhost/', {
      method: 'POST',
      body: 'x'.repeat(MAX_BODY_BYTES + 1),
    });
    expect((await readSmallBody(big)).ok).toBe(false);
    const small = new Request('http://localhost/', { method: 'POST', body: 'hello' });
    expect(await readSmallBody(small)).toEqual({ ok: true, value: 'hello' });
  });
});

describe('parseCookies', () => {
  test('reads pairs and skips junk', () => {
    const cookies = parseCookies('a=1; kino_session=abc.def; junk; =x; bad=%E0%A4%A');
    expect(cookies.get('a')).toBe('1');
    expect(cookies.get('kino_session')).toBe('abc.def');
    expect(cookies.has('bad')).toBe(false);
    expect(cookies.size).toBe(2);
  });

  test('no header, no cookies', () => {
    expect(parseCookies(null).size).toBe(0);
  });
});

describe('matchRoute', () => {
  const ok = () => new Response('ok');
  const routes: Route[] = [
    { method: 'GET', pattern: '/films/:id', handler: ok },
    { method: 'POST', pattern: '/login', handler: ok },
  ];

  test('extracts decoded params', () => {
    const match = matchRoute(routes, 'GET', '/films/night%20train');
    expect(match.kind).toBe('found');
    if (match.kind === 'found') expect(match.params).toEqual({ id: 'night train' });
  });

  test('HEAD is answered by the GET route', () => {
    expect(matchRoute(routes, 'HEAD', '/films/x').kind).toBe('found');
  });

  test('wrong method, empty segment, broken escape and unknown paths', () => {
    expect(matchRoute(routes, 'GET', '/login')).toEqual({
      kind: 'wrong-method',
      allowed: ['POST'],
    });
    expect(matchRoute(routes, 'GET', '/films/').kind).toBe('none');
    expect(matchRoute(routes, 'GET', '/films/%E0%A4%A').kind).toBe('none');
    expect(matchRoute(routes, 'GET', '/films/a/b').kind).toBe('none');
  });
});
