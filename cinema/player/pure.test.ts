import { describe, expect, test } from 'bun:test';
import {
  AD_SEEK_TOLERANCE,
  adSeekCorrection,
  introOffer,
  SKIP_AFTER_SECONDS,
  skipCountdown,
} from './ad-break.ts';
import { formatClock, fraction, secondsLeft } from './time-format.ts';

describe('time display', () => {
  test.each([
    [0, '0:00'],
    [9.99, '0:09'],
    [75.4, '1:15'],
    [720, '12:00'],
    [3725, '1:02:05'],
    [Number.NaN, '0:00'],
    [Number.POSITIVE_INFINITY, '0:00'],
    [-3, '0:00'],
  ])('formatClock(%p) is %p', (seconds, text) => {
    expect(formatClock(seconds)).toBe(text);
  });

  test('the ad counts down whole seconds and never shows 0 while it plays', () => {
    expect(secondsLeft(0, 10)).toBe(10);
    expect(secondsLeft(0.2, 10)).toBe(10);
    expect(secondsLeft(9.5, 10)).toBe(1);
    expect(secondsLeft(10, 10)).toBe(0);
    expect(secondsLeft(3, Number.NaN)).toBe(0);
  });

  test('fraction is clamped and safe for an unknown duration', () => {
    expect(fraction(30, 60)).toBe(0.5);
    expect(fraction(90, 60)).toBe(1);
    expect(fraction(-1, 60)).toBe(0);
    expect(fraction(5, 0)).toBe(0);
    expect(fraction(5, Number.NaN)).toBe(0);
  });
});

describe('the ad break', () => {
  test('the skip button unlocks after SKIP_AFTER_SECONDS of the ad', () => {
    expect(skipCountdown(0)).toBe(SKIP_AFTER_SECONDS);
    expect(skipCountdown(SKIP_AFTER_SECONDS - 0.1)).toBe(1);
    expect(skipCountdown(SKIP_AFTER_SECONDS)).toBe(0);
    expect(skipCountdown(-2)).toBe(SKIP_AFTER_SECONDS);
  });

  test('a jump away from what was watched is undone, forward or back', () => {
    expect(adSeekCorrection(9, 2)).toBe(2);
    expect(adSeekCorrection(0, 6)).toBe(6);
    expect(adSeekCorrection(2 + AD_SEEK_TOLERANCE, 2)).toBeNull();
    expect(adSeekCorrection(2.1, 2)).toBeNull();
  });
});

describe('skip intro', () => {
  test('offered during the film’s titles, until a second before they end', () => {
    expect(introOffer(20, 0, true)).toBe(true);
    expect(introOffer(20, 18.9, true)).toBe(true);
    expect(introOffer(20, 19, true)).toBe(false);
    expect(introOffer(20, 300, true)).toBe(false);
  });

  test('never during the ad, nor for a film without marked titles', () => {
    expect(introOffer(20, 3, false)).toBe(false);
    expect(introOffer(null, 3, true)).toBe(false);
  });
});
