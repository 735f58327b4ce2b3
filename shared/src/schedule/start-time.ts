/**
 * A scheduled screening's start time: the one rule both the backend (validating a create or
 * reschedule body) and the extension (what the start panel offers) follow. Pure: `now` is
 * passed in.
 */

/** A start must be at least this far ahead of the server's clock (ms): "now" is not a schedule. */
export const MIN_START_LEAD_MS = 5_000;
/** And no farther ahead than this (ms): a month is plenty for friends, and bounds the reminders. */
export const MAX_START_LEAD_MS = 30 * 24 * 60 * 60 * 1000;

export type StartTimeProblem = 'not_a_time' | 'in_the_past' | 'too_far';

/** Why `startsAt` (ms since the epoch) cannot be a start time at `now`, or null when it can. */
export function startTimeProblem(startsAt: number, now: number): StartTimeProblem | null {
  if (!Number.isFinite(startsAt)) return 'not_a_time';
  if (startsAt < now + MIN_START_LEAD_MS) return 'in_the_past';
  if (startsAt > now + MAX_START_LEAD_MS) return 'too_far';
  return null;
}

/**
 * Parses an RFC 3339 date-time with an explicit offset (what the API takes): a string without
 * an offset would mean the server's zone, which is nobody's intent. NaN when it isn't one.
 */
export function parseStartTime(text: string): number {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/.test(text)) {
    return Number.NaN;
  }
  return Date.parse(text);
}
