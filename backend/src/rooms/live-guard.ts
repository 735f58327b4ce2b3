/**
 * The live store (Redis) as the HTTP routes see it: a call that fails or takes longer than
 * LIVE_CALL_TIMEOUT_MS means the store is unavailable (503 + Retry-After), never a hang.
 */
import { DependencyUnavailableError, isDependencyUnavailable } from '../faults/unavailable.ts';
import { withTimeout } from '../http/deadline.ts';

export const LIVE_CALL_TIMEOUT_MS = 2_000;
export const LIVE_RETRY_AFTER_MS = 2_000;

const unavailable = (cause?: unknown) =>
  new DependencyUnavailableError('live-store', LIVE_RETRY_AFTER_MS, { cause });

export async function guardLive<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await withTimeout(work, LIVE_CALL_TIMEOUT_MS, () => unavailable());
  } catch (error) {
    throw isDependencyUnavailable(error) ? error : unavailable(error);
  }
}
