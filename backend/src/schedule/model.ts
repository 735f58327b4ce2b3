/**
 * The range of a scheduled start (future, at most MAX_START_LEAD_MS ahead) needs the clock, so
 * it is checked here; the field's schema is StartsAtField in shared/src/http/rooms.ts.
 */
import { MAX_START_LEAD_MS, parseStartTime, startTimeProblem } from '@kino/shared/schedule';
import { HttpError } from '../http/errors.ts';

const MESSAGES = {
  not_a_time: 'startsAt must be a date-time with an offset, e.g. 2026-12-05T20:00:00+03:00',
  in_the_past: 'startsAt must be in the future',
  too_far: `startsAt must be at most ${MAX_START_LEAD_MS / 86_400_000} days ahead`,
} as const;

/** The start (ms) a body asks for, or 422 `invalid_start_time` saying why it can't be. */
export function checkStartsAt(text: string, now: number): number {
  const startsAt = parseStartTime(text);
  const problem = startTimeProblem(startsAt, now);
  if (problem) {
    throw new HttpError(422, 'invalid_start_time', MESSAGES[problem], {
      problem,
      maxDays: MAX_START_LEAD_MS / 86_400_000,
    });
  }
  return startsAt;
}
