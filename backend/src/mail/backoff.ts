import type { BackoffPolicy } from '@kino/shared/backoff';

export { type BackoffPolicy, retryDelayMs } from '@kino/shared/backoff';

/** Mail retries: 5 s, 10 s, 20 s … up to 10 min (the SMTP probe cuts it short, worker.ts). */
export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 5_000, maxMs: 10 * 60_000 };
