import type { BackoffPolicy } from '@kino/shared/backoff';

export { type BackoffPolicy, retryDelayMs } from '@kino/shared/backoff';

/** Retries of a mail the server refused: 5 s, 10 s, 20 s … up to 10 min (a server that cannot be reached is probed instead, worker.ts). */
export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 5_000, maxMs: 10 * 60_000 };
