/**
 * The start panel's "when": now, or a time the owner picks in a datetime-local input (the
 * browser's own, keyboard accessible, in the user's locale and zone). Pure helpers; the rule
 * for what a start may be is shared with the backend (@kino/shared/schedule).
 */
import { MAX_START_LEAD_MS, startTimeProblem } from '@kino/shared/schedule';

export interface ScheduleChoice {
  later: boolean;
  /** The input's value: local wall-clock time `YYYY-MM-DDTHH:mm[:ss]`. */
  local: string;
}

const two = (n: number) => String(n).padStart(2, '0');

/** `YYYY-MM-DDTHH:mm:ss` in local time, what a datetime-local input holds. */
export function localInputValue(ms: number): string {
  const d = new Date(ms);
  return (
    `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}` +
    `T${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`
  );
}

/** A suggestion: an hour from now, on the next 5 minutes (seconds 0). */
export function defaultChoice(now: number): ScheduleChoice {
  const step = 5 * 60_000;
  return { later: false, local: localInputValue(Math.ceil((now + 3600_000) / step) * step) };
}

/** The input's local time as ms since the epoch; NaN when it is not a full date and time. */
export function localInputToMs(value: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value);
  if (!match) return Number.NaN;
  const [, y, mo, d, h, mi, s] = match.map((part) => Number(part ?? 0)) as number[];
  const date = new Date(y!, mo! - 1, d!, h!, mi!, s!);
  // new Date() rolls 31 February over into March: such a value is no date.
  return date.getMonth() === mo! - 1 && date.getDate() === d! ? date.getTime() : Number.NaN;
}

/** Whether the choice can be sent now: "now", or a valid start within the allowed range. */
export function choiceOk(choice: ScheduleChoice, now: number): boolean {
  return !choice.later || startTimeProblem(localInputToMs(choice.local), now) === null;
}

/** The body's `startsAt` (RFC 3339, UTC), or undefined for "now". */
export function startsAtOf(choice: ScheduleChoice): string | undefined {
  return choice.later ? new Date(localInputToMs(choice.local)).toISOString() : undefined;
}

/** The input's `min` and `max`: from now to 30 days ahead. */
export function inputBounds(now: number): { min: string; max: string } {
  return { min: localInputValue(now), max: localInputValue(now + MAX_START_LEAD_MS) };
}

/** The user's zone, for the hint under the input ("Europe/Moscow"). */
export function localZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}
