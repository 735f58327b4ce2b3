/**
 * Verifies the cinema's access token (a JWT): signature, expiry, issuer and
 * audience. HS256 with the shared secret by default; RS256 etc. through the
 * cinema's published keys when JWT_JWKS_URL is set. Used by the HTTP auth
 * plugin and by the WebSocket hub for its `hello` message.
 *
 * Why jose and not @elysiajs/jwt: the plugin signs and verifies with one fixed secret and
 * reports every failure as "invalid", while we need remote key sets (JWKS, rotated by the
 * cinema), a clock we pass in (tests), and to tell the client which check failed (expired,
 * wrong issuer, wrong audience…). The WebSocket hub verifies outside any Elysia context too.
 */
import { createRemoteJWKSet, errors, type JWTPayload, jwtVerify } from 'jose';
import type { Config } from '../config.ts';
import { HttpError } from '../http/errors.ts';

export interface AuthUser {
  id: string;
  name: string;
}

export type AuthErrorCode =
  | 'token_missing'
  | 'token_malformed'
  | 'token_expired'
  | 'token_invalid_signature'
  | 'token_wrong_issuer'
  | 'token_wrong_audience'
  | 'token_invalid';

export class AuthError extends HttpError {
  constructor(
    override readonly code: AuthErrorCode,
    message: string,
  ) {
    super(401, code, message);
    this.name = 'AuthError';
  }
}

export interface AuthDeps {
  config: Pick<Config, 'jwtSecret' | 'jwtIssuer' | 'jwtAudience' | 'jwtJwksUrl'>;
  clock: () => number;
}

// One key set per URL: jose caches the fetched keys inside it.
const keySets = new Map<string, ReturnType<typeof createRemoteJWKSet>>();
function keySet(url: string) {
  let found = keySets.get(url);
  if (!found) {
    found = createRemoteJWKSet(new URL(url));
    keySets.set(url, found);
  }
  return found;
}

function translate(error: unknown): AuthError {
  if (error instanceof errors.JWTExpired)
    return new AuthError('token_expired', 'The access token has expired');
  if (error instanceof errors.JWSSignatureVerificationFailed) {
    return new AuthError('token_invalid_signature', 'The access token signature is not valid');
  }
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'iss')
      return new AuthError(
        'token_wrong_issuer',
        'The access token was issued by an unknown issuer',
      );
    if (error.claim === 'aud')
      return new AuthError(
        'token_wrong_audience',
        'The access token is meant for another audience',
      );
    return new AuthError('token_invalid', `The access token claim "${error.claim}" is not valid`);
  }
  if (error instanceof errors.JWSInvalid || error instanceof errors.JWTInvalid) {
    return new AuthError('token_malformed', 'The access token is not a well-formed JWT');
  }
  if (error instanceof errors.JOSEAlgNotAllowed) {
    return new AuthError(
      'token_invalid',
      'The access token uses a signing algorithm that is not accepted',
    );
  }
  return new AuthError('token_invalid', 'The access token is not valid');
}

export async function verifyAccessToken(
  token: string | undefined | null,
  deps: AuthDeps,
): Promise<AuthUser> {
  if (!token)
    throw new AuthError(
      'token_missing',
      'An access token is required (Authorization: Bearer <token>)',
    );
  const { config } = deps;
  const options = {
    issuer: config.jwtIssuer,
    audience: config.jwtAudience,
    currentDate: new Date(deps.clock()),
  };
  let payload: JWTPayload;
  try {
    payload = config.jwtJwksUrl
      ? (await jwtVerify(token, keySet(config.jwtJwksUrl), options)).payload
      : (
          await jwtVerify(token, new TextEncoder().encode(config.jwtSecret), {
            ...options,
            algorithms: ['HS256'],
          })
        ).payload;
  } catch (error) {
    throw translate(error);
  }
  if (typeof payload.sub !== 'string' || payload.sub === '') {
    throw new AuthError('token_invalid', 'The access token names no user (sub)');
  }
  if (payload.exp === undefined)
    throw new AuthError('token_invalid', 'The access token has no expiry (exp)');
  const name = typeof payload.name === 'string' && payload.name ? payload.name : payload.sub;
  return { id: payload.sub, name };
}

/** The token from an `Authorization: Bearer <token>` header; undefined when absent. */
export function bearerToken(header: string | null | undefined): string | undefined {
  if (!header) return undefined;
  const match = /^Bearer\s+(.+)$/i.exec(header.trim());
  if (!match)
    throw new AuthError('token_malformed', 'The Authorization header must be "Bearer <token>"');
  return match[1]!.trim();
}
