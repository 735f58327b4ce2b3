/**
 * Abuse policy: every rejected message (parse error, rate limit, forbidden action) is a
 * violation; too many within a sliding window closes that one connection with a reason.
 * A single bad frame is forgiven — a buggy or old client should see errors, not a hang-up.
 */

export interface AbusePolicy {
  maxViolations: number;
  windowMs: number;
}

export const ABUSE_POLICY: AbusePolicy = { maxViolations: 20, windowMs: 10_000 };

/** Times (ms) of recent violations, oldest first. */
export type AbuseState = readonly number[];

export function recordViolation(
  state: AbuseState,
  now: number,
  policy = ABUSE_POLICY,
): { close: boolean; state: AbuseState } {
  const recent = state.filter((t) => now - t < policy.windowMs);
  recent.push(now);
  return { close: recent.length >= policy.maxViolations, state: recent };
}
