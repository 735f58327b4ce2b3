/**
 * The one schema of a scheduled start in request bodies: the create body's optional
 * `startsAt` (rooms/model.ts) and the reschedule body use this same field. The range
 * (future, at most MAX_START_LEAD_MS ahead) needs the clock, so checkStartsAt applies it.
 */
import { MAX_START_LEAD_MS, parseStartTime, startTimeProblem } from '@kino/shared/schedule';
import { t } from 'elysia';
import { HttpError } from '../http/errors.ts';

export const StartsAtField = t.String({
  format: 'date-time',
  maxLength: 40,
  description:
    'When the screening starts (RFC 3339 with an offset, e.g. 2026-12-05T20:00:00+03:00): at least 5 s and at most 30 days ahead',
});

export const RescheduleBody = t.Object(
  { startsAt: StartsAtField },
  { additionalProperties: false },
);

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
