/**
 * The cinema's access tokens: HS256 JWTs with sub (user id), name, iss, aud,
 * iat and exp (12 h). Exported so backend tests mint tokens exactly like the
 * cinema does.
 */
import { jwtVerify, SignJWT } from 'jose';
import { CINEMA_DEFAULTS } from './config.ts';

export const TOKEN_LIFETIME_SEC = 12 * 60 * 60;

export interface SignCinemaTokenInput {
  sub: string;
  name: string;
  secret?: string;
  issuer?: string;
  audience?: string;
  expiresInSec?: number;
  /** Issue time in seconds since the epoch; defaults to now (tests pass a fixed one). */
  issuedAtSec?: number;
}

export interface CinemaTokenClaims {
  sub: string;
  name: string;
  iss: string;
  aud: string;
  iat: number;
  exp: number;
}

const encoder = new TextEncoder();

export function signCinemaToken(input: SignCinemaTokenInput): Promise<string> {
  const iat = input.issuedAtSec ?? Math.floor(Date.now() / 1000);
  return new SignJWT({ name: input.name })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(input.sub)
    .setIssuer(input.issuer ?? CINEMA_DEFAULTS.issuer)
    .setAudience(input.audience ?? CINEMA_DEFAULTS.audience)
    .setIssuedAt(iat)
    .setExpirationTime(iat + (input.expiresInSec ?? TOKEN_LIFETIME_SEC))
    .sign(encoder.encode(input.secret ?? CINEMA_DEFAULTS.jwtSecret));
}

export interface VerifyCinemaTokenOptions {
  secret: string;
  issuer: string;
  audience: string;
}

/** The token's claims, or null when the signature, expiry, issuer or audience is wrong. */
export async function verifyCinemaToken(
  token: string,
  opts: VerifyCinemaTokenOptions,
): Promise<CinemaTokenClaims | null> {
  try {
    const { payload } = await jwtVerify(token, encoder.encode(opts.secret), {
      algorithms: ['HS256'],
      issuer: opts.issuer,
      audience: opts.audience,
    });
    const { sub, name, iss, aud, iat, exp } = payload;
    if (typeof sub !== 'string' || typeof name !== 'string') return null;
    if (typeof iss !== 'string' || typeof aud !== 'string') return null;
    if (typeof iat !== 'number' || typeof exp !== 'number') return null;
    return { sub, name, iss, aud, iat, exp };
  } catch {
    return null;
  }
}
