import { describe, expect, test } from 'bun:test';
import { MAX_BODY_BYTES, parseCredentials, parseJson, readSmallBody } from './body.ts';
import { sessionTokenOf } from './cookies.ts';

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

describe('sessionTokenOf', () => {
  const withCookie = (cookie: string) =>
    new Request('http://localhost/', { headers: cookie ? { cookie } : {} });

  test('reads the session among other cookies and junk', () => {
    expect(sessionTokenOf(withCookie('a=1; kino_session=abc.def; junk; =x'))).toBe('abc.def');
  });

  test('no cookie header, no session', () => {
    expect(sessionTokenOf(withCookie(''))).toBeNull();
    expect(sessionTokenOf(withCookie('a=1'))).toBeNull();
  });
});
