/**
 * What a production start (KINO_ENV=production) refuses: embedded stand-ins instead of the real
 * stores, invite links pointing at localhost, and development or short secrets. Pure: the config
 * and the raw environment in, the first problem out (config.ts turns it into a ConfigError).
 */
import type { Config, Env } from './config.ts';

/** The documented development secrets (README, the demo cinema's defaults). */
export const DEV_JWT_SECRET = 'dev-cinema-secret';
export const DEV_SERVICE_KEY = 'dev-service-key';

/** HS256 wants at least 256 bits; a service key is a bearer credential of the same weight. */
export const MIN_SECRET_LENGTH = 32;

export interface ConfigProblem {
  variable: string;
  problem: string;
}

const REQUIRED: [string, string][] = [
  ['DATABASE_URL', 'the embedded PGlite is for development only'],
  ['REDIS_URL', 'the in-process live store serves one instance and loses rooms on a crash'],
  ['SMTP_URL', 'the dev mail outbox would keep invites on this server instead of sending them'],
  ['PUBLIC_URL', 'invite links would point at localhost'],
];

function secretProblem(
  variable: string,
  value: string,
  devValue: string,
): ConfigProblem | undefined {
  if (value === devValue) {
    return { variable, problem: 'is the documented development value; set a secret of your own' };
  }
  if (value.length < MIN_SECRET_LENGTH) {
    return { variable, problem: `must be at least ${MIN_SECRET_LENGTH} characters in production` };
  }
  return undefined;
}

export function productionProblem(config: Config, env: Env): ConfigProblem | undefined {
  for (const [variable, why] of REQUIRED) {
    if (!env[variable]?.trim()) {
      return { variable, problem: `is required when KINO_ENV=production (${why})` };
    }
  }
  // With JWT_JWKS_URL the cinema's published keys verify tokens and JWT_SECRET is not used.
  if (!config.jwtJwksUrl) {
    const jwt = secretProblem('JWT_SECRET', config.jwtSecret, DEV_JWT_SECRET);
    if (jwt) return jwt;
  }
  return secretProblem('CINEMA_SERVICE_KEY', config.cinemaServiceKey, DEV_SERVICE_KEY);
}
