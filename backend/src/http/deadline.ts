/**
 * Time bounds. Every dependency call has its own timeout (database, cinema, Redis), but a
 * request makes several in a row; REQUEST_DEADLINE_MS bounds the sum, so no client waits
 * longer than that for an answer. Late work is not cancelled (the drivers' own timeouts end
 * it); its result is dropped.
 */
import { HttpError } from './errors.ts';

export const REQUEST_DEADLINE_MS = 6_000;

/** `work`'s result, or `onTimeout()` thrown once `ms` have passed. */
export async function withTimeout<T>(
  work: () => Promise<T>,
  ms: number,
  onTimeout: () => Error,
): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const running = work();
  // The work may still fail after the timeout answered: that failure is expected, not unhandled.
  running.catch(() => {});
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(onTimeout()), ms);
  });
  try {
    return await Promise.race([running, late]);
  } finally {
    clearTimeout(timer);
  }
}

export function requestTimedOut(): HttpError {
  return new HttpError(
    503,
    'timeout',
    'The server could not finish this request in time; please try again',
    undefined,
    2,
  );
}

/** Bounds a whole route handler by REQUEST_DEADLINE_MS (503 + Retry-After when over). */
export function withDeadline<T>(work: () => Promise<T>, ms = REQUEST_DEADLINE_MS): Promise<T> {
  return withTimeout(work, ms, requestTimedOut);
}
