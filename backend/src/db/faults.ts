/**
 * Which database errors mean "the database is unreachable or too slow right now" (never the
 * client's fault), and the guard that turns them into a DependencyUnavailableError at the data
 * layer, so HTTP answers 503 + Retry-After and the realtime hub a retryable error.
 */
import { DependencyUnavailableError, isDependencyUnavailable } from '../faults/unavailable.ts';

/** How soon a retry has a fair chance after a database failure. */
export const DB_RETRY_AFTER_MS = 2_000;

/** Socket-level codes (node:net) and Postgres SQLSTATEs that say the server is away or overloaded. */
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ConnectionRefused',
  'ConnectionClosed',
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now (starting up)
  '53300', // too_many_connections
  '57014', // query_canceled: our statement_timeout
  '55P03', // lock_not_available: our lock_timeout
]);

/** node-postgres and pg-pool errors that carry no code. */
const UNAVAILABLE_MESSAGES = [
  /connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /query read timeout/i,
  /is not queryable/i,
  /connection (?:is )?closed/i,
  /cannot use a pool after calling end/i,
];

function isUnavailableError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (UNAVAILABLE_CODES.has(code) || code.startsWith('08'))) {
    return true; // class 08: connection exception
  }
  return UNAVAILABLE_MESSAGES.some((pattern) => pattern.test(error.message));
}

/**
 * The DependencyUnavailableError an error stands for, looking through `cause` (drizzle wraps
 * every driver error in a DrizzleQueryError); undefined when it is some other failure.
 */
export function unavailableFrom(error: unknown): DependencyUnavailableError | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 6 && current !== undefined && current !== null; depth++) {
    if (isDependencyUnavailable(current)) return current;
    if (isUnavailableError(current)) {
      return new DependencyUnavailableError('database', DB_RETRY_AFTER_MS, { cause: error });
    }
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** Runs a data-layer call; an outage or timeout comes out as a DependencyUnavailableError. */
export async function guardDb<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw unavailableFrom(error) ?? error;
  }
}
