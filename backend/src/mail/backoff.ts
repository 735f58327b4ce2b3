/** Delay before retry number `attempts` (1 = first retry): exponential, capped. Pure. */
export interface BackoffPolicy {
  baseMs: number;
  maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 5_000, maxMs: 10 * 60_000 };

export function retryDelayMs(attempts: number, policy: BackoffPolicy): number {
  const exponent = Math.max(0, attempts - 1);
  // 2 ** 40 is already far past any sane cap; avoid Infinity for huge counts.
  return Math.min(policy.maxMs, policy.baseMs * 2 ** Math.min(exponent, 40));
}
