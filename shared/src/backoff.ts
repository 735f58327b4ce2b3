/**
 * The one retry shape of the project: exponential from a base, capped. The mail worker, the
 * Redis link and the extension's chat resend each pick their own base and cap. Pure.
 */
export interface BackoffPolicy {
  baseMs: number;
  maxMs: number;
}

/** Delay before retry number `attempts` (1 = first retry). */
export function retryDelayMs(attempts: number, policy: BackoffPolicy): number {
  const exponent = Math.max(0, attempts - 1);
  // 2 ** 40 is already far past any sane cap; avoid Infinity for huge counts.
  return Math.min(policy.maxMs, policy.baseMs * 2 ** Math.min(exponent, 40));
}
