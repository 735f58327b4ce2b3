import { describe, expect, test } from 'bun:test';
import { decodeProtectedHeader } from 'jose';
import { signCinemaToken, TOKEN_LIFETIME_SEC, verifyCinemaToken } from './token.ts';

const opts = { secret: 's3cret', issuer: 'http://cinema.test', audience: 'kino-vmeste' };

describe('signCinemaToken', () => {
  test('HS256 with sub, name, iss, aud, iat and a 12 h exp', async () => {
    const now = Math.floor(Date.now() / 1000);
    const token = await signCinemaToken({ sub: 'anna', name: 'Анна', ...opts, issuedAtSec: now });
    expect(decodeProtectedHeader(token).alg).toBe('HS256');
    expect(await verifyCinemaToken(token, opts)).toEqual({
      sub: 'anna',
      name: 'Анна',
      iss: opts.issuer,
      aud: opts.audience,
      iat: now,
      exp: now + TOKEN_LIFETIME_SEC,
    });
  });

  test('uses the documented defaults', async () => {
    const token = await signCinemaToken({ sub: 'boris', name: 'Борис' });
    const claims = await verifyCinemaToken(token, {
      secret: 'dev-cinema-secret',
      issuer: 'http://localhost:3000',
      audience: 'kino-vmeste',
    });
    expect(claims?.sub).toBe('boris');
  });

  test('wrong secret, issuer, audience or an expired token do not verify', async () => {
    const token = await signCinemaToken({ sub: 'anna', name: 'Анна', ...opts });
    expect(await verifyCinemaToken(token, { ...opts, secret: 'other' })).toBeNull();
    expect(await verifyCinemaToken(token, { ...opts, issuer: 'http://evil' })).toBeNull();
    expect(await verifyCinemaToken(token, { ...opts, audience: 'other' })).toBeNull();
    const old = await signCinemaToken({
      sub: 'anna',
      name: 'Анна',
      ...opts,
      issuedAtSec: Math.floor(Date.now() / 1000) - 3600,
      expiresInSec: 60,
    });
    expect(await verifyCinemaToken(old, opts)).toBeNull();
    expect(await verifyCinemaToken('not.a.jwt', opts)).toBeNull();
  });
});
