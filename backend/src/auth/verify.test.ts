import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { signCinemaToken } from '@kino/cinema/token';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { type Config, parseConfig } from '../config.ts';
import { AuthError, bearerToken, verifyAccessToken } from './verify.ts';

const config = parseConfig({}, () => 'i');
const NOW = 1_800_000_000_000;
const deps = { config, clock: () => NOW };
const nowSec = NOW / 1000;

async function codeOf(
  token: string | undefined,
  d: { config: Config; clock: () => number } = deps,
) {
  try {
    await verifyAccessToken(token, d);
    return 'ok';
  } catch (error) {
    expect(error).toBeInstanceOf(AuthError);
    expect((error as AuthError).status).toBe(401);
    return (error as AuthError).code;
  }
}

describe('verifyAccessToken (HS256)', () => {
  test('a cinema token gives its user', async () => {
    const token = await signCinemaToken({ sub: 'anna', name: 'Анна', issuedAtSec: nowSec - 60 });
    expect(await verifyAccessToken(token, deps)).toEqual({ id: 'anna', name: 'Анна' });
  });

  test('each problem has its own code', async () => {
    const iat = nowSec - 60;
    expect(await codeOf(undefined)).toBe('token_missing');
    expect(await codeOf('')).toBe('token_missing');
    expect(await codeOf('abc.def')).toBe('token_malformed');
    expect(await codeOf('a.b.c')).toBe('token_malformed');
    expect(
      await codeOf(
        await signCinemaToken({
          sub: 'a',
          name: 'A',
          issuedAtSec: nowSec - 7200,
          expiresInSec: 3600,
        }),
      ),
    ).toBe('token_expired');
    expect(
      await codeOf(
        await signCinemaToken({ sub: 'a', name: 'A', issuedAtSec: iat, secret: 'nope' }),
      ),
    ).toBe('token_invalid_signature');
    expect(
      await codeOf(await signCinemaToken({ sub: 'a', name: 'A', issuedAtSec: iat, issuer: 'x' })),
    ).toBe('token_wrong_issuer');
    expect(
      await codeOf(await signCinemaToken({ sub: 'a', name: 'A', issuedAtSec: iat, audience: 'x' })),
    ).toBe('token_wrong_audience');
  });

  test('a token without subject or expiry is refused', async () => {
    const key = new TextEncoder().encode(config.jwtSecret);
    const base = () =>
      new SignJWT({ name: 'A' })
        .setProtectedHeader({ alg: 'HS256' })
        .setIssuer(config.jwtIssuer)
        .setAudience(config.jwtAudience);
    expect(
      await codeOf(
        await base()
          .setExpirationTime(nowSec + 60)
          .sign(key),
      ),
    ).toBe('token_invalid');
    expect(await codeOf(await base().setSubject('a').sign(key))).toBe('token_invalid');
  });

  test('the clock decides expiry', async () => {
    const token = await signCinemaToken({
      sub: 'a',
      name: 'A',
      issuedAtSec: nowSec,
      expiresInSec: 60,
    });
    expect(await codeOf(token, { config, clock: () => NOW + 30_000 })).toBe('ok');
    expect(await codeOf(token, { config, clock: () => NOW + 120_000 })).toBe('token_expired');
  });
});

describe('verifyAccessToken (RS256 via JWKS)', () => {
  let server: ReturnType<typeof Bun.serve>;
  let privateKey: CryptoKey;
  let jwksConfig: Config;

  beforeAll(async () => {
    const pair = await generateKeyPair('RS256');
    privateKey = pair.privateKey;
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
    server = Bun.serve({ port: 0, fetch: () => Response.json({ keys: [jwk] }) });
    jwksConfig = { ...config, jwtJwksUrl: `http://localhost:${server.port}/jwks.json` };
  });
  afterAll(() => server?.stop(true));

  const rs256 = (key: CryptoKey, claims: { iss?: string } = {}) =>
    new SignJWT({ name: 'Борис' })
      .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
      .setSubject('boris')
      .setIssuer(claims.iss ?? config.jwtIssuer)
      .setAudience(config.jwtAudience)
      .setIssuedAt(nowSec)
      .setExpirationTime(nowSec + 600)
      .sign(key);

  test('a token signed with a published key is accepted', async () => {
    expect(
      await verifyAccessToken(await rs256(privateKey), { config: jwksConfig, clock: () => NOW }),
    ).toEqual({
      id: 'boris',
      name: 'Борис',
    });
  });

  test('another key, another issuer, or an HS256 token are refused', async () => {
    const other = (await generateKeyPair('RS256')).privateKey;
    const d = { config: jwksConfig, clock: () => NOW };
    expect(await codeOf(await rs256(other), d)).toBe('token_invalid_signature');
    expect(await codeOf(await rs256(privateKey, { iss: 'http://evil' }), d)).toBe(
      'token_wrong_issuer',
    );
    expect(
      await codeOf(await signCinemaToken({ sub: 'a', name: 'A', issuedAtSec: nowSec }), d),
    ).not.toBe('ok');
  });
});

describe('bearerToken', () => {
  test('reads the token of a Bearer header', () => {
    expect(bearerToken('Bearer abc.def.ghi')).toBe('abc.def.ghi');
    expect(bearerToken('bearer   xyz ')).toBe('xyz');
    expect(bearerToken(undefined)).toBeUndefined();
  });
  test('any other scheme is malformed', () => {
    expect(() => bearerToken('Basic Zm9vOmJhcg==')).toThrow(AuthError);
    expect(() => bearerToken('Bearer')).toThrow(AuthError);
  });
});
