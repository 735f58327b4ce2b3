import { expect, test } from 'bun:test';
import {
  choiceOk,
  defaultChoice,
  inputBounds,
  localInputToMs,
  localInputValue,
  startsAtOf,
} from './schedule-choice';

test('local input values round-trip, with or without seconds; impossible dates are NaN', () => {
  const at = new Date(2026, 11, 5, 20, 7, 9).getTime();
  expect(localInputValue(at)).toBe('2026-12-05T20:07:09');
  expect(localInputToMs('2026-12-05T20:07:09')).toBe(at);
  expect(localInputToMs('2026-12-05T20:07')).toBe(new Date(2026, 11, 5, 20, 7).getTime());
  expect(localInputToMs('2026-02-31T20:00')).toBeNaN();
  expect(localInputToMs('')).toBeNaN();
  expect(localInputToMs('2026-12-05 20:00')).toBeNaN();
});

test('the suggestion is an hour ahead on the next 5 minutes; "now" needs no time', () => {
  const now = new Date(2026, 11, 5, 19, 2, 40).getTime();
  expect(defaultChoice(now)).toEqual({ later: false, local: '2026-12-05T20:05:00' });
  expect(choiceOk({ later: false, local: '' }, now)).toBe(true);
  expect(startsAtOf({ later: false, local: '2026-12-05T20:05:00' })).toBeUndefined();
});

test('a set time must be ahead and within 30 days; it is sent as UTC', () => {
  const now = new Date(2026, 11, 5, 19, 0, 0).getTime();
  expect(choiceOk({ later: true, local: '2026-12-05T18:59:00' }, now)).toBe(false);
  expect(choiceOk({ later: true, local: '2026-12-05T19:00:30' }, now)).toBe(true);
  expect(choiceOk({ later: true, local: '2027-01-05T19:00:00' }, now)).toBe(false);
  expect(startsAtOf({ later: true, local: '2026-12-05T20:00:00' })).toBe(
    new Date(2026, 11, 5, 20, 0, 0).toISOString(),
  );
  expect(inputBounds(now)).toEqual({ min: '2026-12-05T19:00:00', max: '2027-01-04T19:00:00' });
});
