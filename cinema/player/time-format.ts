/** Pure helpers for the player's time display and the ad countdown. */

/** 75.4 → "1:15", 3725 → "1:02:05"; anything not a finite non-negative number → "0:00". */
export function formatClock(seconds: number): string {
  const total = Number.isFinite(seconds) && seconds > 0 ? Math.floor(seconds) : 0;
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** Whole seconds left of an ad, counting 10, 9, … 1 (never 0 while it still plays). */
export function secondsLeft(currentTime: number, duration: number): number {
  if (!Number.isFinite(duration) || duration <= 0) return 0;
  return Math.max(0, Math.ceil(duration - Math.max(0, currentTime)));
}

/** Share of `part` in `whole`, clamped to 0…1 (0 for an unknown whole). */
export function fraction(part: number, whole: number): number {
  if (!Number.isFinite(whole) || whole <= 0 || !Number.isFinite(part)) return 0;
  return Math.min(1, Math.max(0, part / whole));
}
