import { describe, expect, test } from 'bun:test';
import { decideBuffering, NO_BUFFERING } from '../room/buffering.ts';
import { DEFAULT_ROOM_SETTINGS } from '../room/permissions.ts';
import { applyCommand } from '../room/playback-commands.ts';
import { expectedPosition } from '../sync/playback-math.ts';
import {
  clockText,
  countdown,
  heldUntilStart,
  pendingStart,
  scheduledPlayback,
} from './playback.ts';
import {
  MAX_START_LEAD_MS,
  MIN_START_LEAD_MS,
  parseStartTime,
  startTimeProblem,
} from './start-time.ts';
import { formatWhen, languageOf, timeZoneFor } from './when.ts';

const NOW = Date.UTC(2026, 11, 1, 12, 0, 0);

describe('start time', () => {
  test('accepts a start between the lead and 30 days ahead', () => {
    expect(startTimeProblem(NOW + MIN_START_LEAD_MS, NOW)).toBeNull();
    expect(startTimeProblem(NOW + MAX_START_LEAD_MS, NOW)).toBeNull();
  });
  test('refuses the past, "now", too far, and non-numbers', () => {
    expect(startTimeProblem(NOW - 1, NOW)).toBe('in_the_past');
    expect(startTimeProblem(NOW + MIN_START_LEAD_MS - 1, NOW)).toBe('in_the_past');
    expect(startTimeProblem(NOW + MAX_START_LEAD_MS + 1, NOW)).toBe('too_far');
    expect(startTimeProblem(Number.NaN, NOW)).toBe('not_a_time');
    expect(startTimeProblem(Number.POSITIVE_INFINITY, NOW)).toBe('not_a_time');
  });
  test('parses RFC 3339 with an offset only', () => {
    expect(parseStartTime('2026-12-05T17:00:00Z')).toBe(Date.UTC(2026, 11, 5, 17));
    expect(parseStartTime('2026-12-05T20:00:00+03:00')).toBe(Date.UTC(2026, 11, 5, 17));
    expect(parseStartTime('2026-12-05T20:00+03:00')).toBe(Date.UTC(2026, 11, 5, 17));
    expect(parseStartTime('2026-12-05T20:00:00')).toBeNaN();
    expect(parseStartTime('tomorrow')).toBeNaN();
    expect(parseStartTime('2026-13-45T99:00:00Z')).toBeNaN();
  });
});

describe('scheduled playback', () => {
  const start = NOW + 60_000;
  const anchor = scheduledPlayback(start, 0);
  test('is waiting before the start and not after', () => {
    expect(pendingStart(anchor, NOW)).toBe(start);
    expect(pendingStart(anchor, start)).toBeNull();
    expect(pendingStart({ ...anchor, playing: false }, NOW)).toBeNull();
    expect(pendingStart(null, NOW)).toBeNull();
  });
  test('holds players paused at 0 until the start, then plays from 0 on everyone’s clock', () => {
    expect(heldUntilStart(anchor, NOW)).toEqual({ ...anchor, playing: false, at: NOW });
    expect(expectedPosition(heldUntilStart(anchor, NOW), NOW + 30_000)).toBe(0);
    expect(heldUntilStart(anchor, start + 2_500)).toBe(anchor);
    expect(expectedPosition(anchor, start + 2_500)).toBeCloseTo(2.5, 6);
  });
  test('a stall before the start holds nothing (the schedule stays); after it, it does', () => {
    const stalls = [{ userId: 'boris', since: NOW - 100 }];
    const before = decideBuffering({
      playback: anchor,
      policy: 'wait',
      stalls,
      state: NO_BUFFERING,
      now: NOW,
    });
    expect(before.action).toBe('none');
    const after = decideBuffering({
      playback: anchor,
      policy: 'wait',
      stalls: [{ userId: 'boris', since: start + 900 }],
      state: NO_BUFFERING,
      now: start + 1000,
    });
    expect(after.action).toBe('wait-buffering');
  });
  test('before the start only the owner may start it early; then it is anchored now', () => {
    const ctx = { now: NOW, settings: DEFAULT_ROOM_SETTINGS };
    const play = { action: 'play' as const, baseSeq: 0, position: 0 };
    expect(applyCommand(anchor, play, { ...ctx, isOwner: false })).toEqual({
      ok: false,
      code: 'not_allowed',
    });
    expect(applyCommand(anchor, play, { ...ctx, isOwner: true })).toEqual({
      ok: true,
      next: { playing: true, position: 0, at: NOW, rate: 1, seq: 1 },
    });
    // After the start everyone controls it again, as the room's settings say.
    expect(
      applyCommand(anchor, { ...play, action: 'pause' }, { ...ctx, now: start + 1, isOwner: false })
        .ok,
    ).toBe(true);
  });
  test('counts down in whole seconds, rounding up', () => {
    expect(countdown(start, NOW)).toEqual({ days: 0, hours: 0, minutes: 1, seconds: 0 });
    expect(countdown(start, start - 1)).toEqual({ days: 0, hours: 0, minutes: 0, seconds: 1 });
    expect(countdown(start, start + 5)).toEqual({ days: 0, hours: 0, minutes: 0, seconds: 0 });
    const far = countdown(NOW + ((2 * 24 + 3) * 3600 + 4 * 60 + 5) * 1000, NOW);
    expect(far).toEqual({ days: 2, hours: 3, minutes: 4, seconds: 5 });
    expect(clockText(far)).toBe('3:04:05');
    expect(clockText(countdown(start, NOW))).toBe('01:00');
  });
});

describe('when, in the reader’s language and zone', () => {
  const at = Date.UTC(2026, 11, 5, 17, 0);
  test('falls back to Moscow for Russian and UTC otherwise; keeps a real zone', () => {
    expect(timeZoneFor('ru', undefined)).toBe('Europe/Moscow');
    expect(timeZoneFor('ru-RU', 'Not/AZone')).toBe('Europe/Moscow');
    expect(timeZoneFor('en', undefined)).toBe('UTC');
    expect(timeZoneFor(undefined, undefined)).toBe('UTC');
    expect(timeZoneFor('en', 'Asia/Yekaterinburg')).toBe('Asia/Yekaterinburg');
    expect(languageOf('RU')).toBe('ru');
    expect(languageOf('de')).toBe('en');
  });
  test('says the local time and names the zone', () => {
    const ru = formatWhen(at, 'ru', 'Europe/Moscow');
    expect(ru).toContain('5 декабря 2026');
    expect(ru).toContain('20:00');
    expect(ru).toContain('Москва, GMT+03:00');
    const en = formatWhen(at, 'en', 'UTC');
    expect(en).toContain('December 5, 2026');
    expect(en).toContain('5:00');
    expect(en).toContain('PM');
    expect(en).toEndWith('(UTC)');
    const ekb = formatWhen(at, 'en', 'Asia/Yekaterinburg');
    expect(ekb).toContain('10:00');
    expect(ekb).toContain('Asia/Yekaterinburg, GMT+05:00');
  });
});
