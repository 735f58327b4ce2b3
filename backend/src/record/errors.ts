/**
 * Which database failures are the database being away (retry later: the hub answers
 * `unavailable`) rather than a bug. Drizzle wraps driver errors, so the cause chain is walked.
 */
import { DependencyUnavailableError, isDependencyUnavailable } from '../faults/unavailable.ts';

/** How long a client should wait before retrying after the record failed. */
const RETRY_AFTER_MS = 1_000;

const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EHOSTUNREACH',
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now
  '53300', // too_many_connections
]);
const CONNECTION_MESSAGES =
  /Connection terminated|connection error|timeout exceeded|Connection refused/i;

function* causes(error: unknown): Generator<unknown> {
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth++) {
    yield current;
    current = (current as { cause?: unknown }).cause;
  }
}

/** The Postgres (or socket) error code anywhere in the cause chain. */
export function pgCode(error: unknown): string | undefined {
  for (const cause of causes(error)) {
    const code = (cause as { code?: unknown }).code;
    if (typeof code === 'string') return code;
  }
  return undefined;
}

/**
 * Whether a row's own data failed the statement (classes 22, data exception, and 23, integrity
 * violation: e.g. the room it refers to deleted meanwhile), so a batch's rows are worth trying
 * one by one (db/write-batches.ts).
 */
export function spoiledByARow(error: unknown): boolean {
  const code = pgCode(error);
  return code !== undefined && (code.startsWith('22') || code.startsWith('23'));
}

export function isConnectionFault(error: unknown): boolean {
  const code = pgCode(error);
  if (code && (CONNECTION_CODES.has(code) || code.startsWith('08'))) return true;
  for (const cause of causes(error)) {
    if (cause instanceof Error && CONNECTION_MESSAGES.test(cause.message)) return true;
  }
  return false;
}

/** Runs a record query; a database that is away becomes DependencyUnavailableError. */
export async function recordCall<T>(query: () => Promise<T>): Promise<T> {
  try {
    return await query();
  } catch (error) {
    if (isDependencyUnavailable(error)) throw error;
    if (isConnectionFault(error)) {
      throw new DependencyUnavailableError('database', RETRY_AFTER_MS, { cause: error });
    }
    throw error;
  }
}

/** The room keeps no more reactions (MAX_ROOM_REACTIONS): this one was not stored. */
export class ReactionLimitError extends Error {
  constructor(readonly limit: number) {
    super(`this room keeps at most ${limit} reactions`);
    this.name = 'ReactionLimitError';
  }
}
