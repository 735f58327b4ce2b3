/**
 * Sliding-window quotas as a pure decision: given when the counted things happened (newest
 * first, only those inside the window), may `adding` more happen now, and if not, when?
 */
export type QuotaVerdict = { ok: true } | { ok: false; retryAt: number };

export function quotaVerdict(
  newestFirst: readonly number[],
  adding: number,
  limit: number,
  windowMs: number,
): QuotaVerdict {
  if (newestFirst.length + adding <= limit) return { ok: true };
  if (adding > limit) throw new RangeError(`adding ${adding} can never fit a limit of ${limit}`);
  // Room for `adding` opens once every event from index (limit - adding) on has left the window.
  return { ok: false, retryAt: newestFirst[limit - adding]! + windowMs };
}
