import { describe, expect, test } from 'bun:test';
import { steadyTrace } from './test-traces.ts';
import { interpolatePosition, isSettled, lastIndexAtOrBefore, steadyPosition } from './timeline.ts';
import type { PositionSample } from './types.ts';

const sample = (t: number, pos: number, extra: Partial<PositionSample> = {}): PositionSample => ({
  t,
  pos,
  paused: false,
  seeking: false,
  rate: 1,
  ready: 4,
  ...extra,
});

describe('lastIndexAtOrBefore', () => {
  test('finds the sample at or before t', () => {
    const samples = [{ t: 0 }, { t: 10 }, { t: 20 }];
    expect(lastIndexAtOrBefore(samples, -1)).toBe(-1);
    expect(lastIndexAtOrBefore(samples, 0)).toBe(0);
    expect(lastIndexAtOrBefore(samples, 15)).toBe(1);
    expect(lastIndexAtOrBefore(samples, 99)).toBe(2);
  });
});

describe('interpolatePosition', () => {
  test('interpolates linearly between two playing samples', () => {
    const samples = [sample(1000, 10), sample(1100, 10.1)];
    expect(interpolatePosition(samples, 1050)).toBeCloseTo(10.05, 9);
  });
  test('null outside the samples, across a gap, a jump, a pause or a seek', () => {
    expect(interpolatePosition([sample(0, 1), sample(100, 1.1)], 100)).toBeNull();
    expect(interpolatePosition([sample(0, 1), sample(1000, 2)], 500)).toBeNull();
    expect(interpolatePosition([sample(0, 1), sample(100, 40)], 50)).toBeNull();
    expect(interpolatePosition([sample(0, 1, { paused: true }), sample(100, 1)], 50)).toBeNull();
    expect(interpolatePosition([sample(0, 1), sample(100, 1.1, { seeking: true })], 50)).toBeNull();
  });
  test('a nudged playbackRate is not mistaken for a jump', () => {
    const samples = [sample(0, 1, { rate: 1.08 }), sample(100, 1.108, { rate: 1.08 })];
    expect(interpolatePosition(samples, 50)).toBeCloseTo(1.054, 9);
  });
});

describe('isSettled / steadyPosition', () => {
  const events = [{ t: 1000, type: 'seeking' as const, pos: 30 }];
  test('not settled within the window after a disturbance, settled after it', () => {
    expect(isSettled(events, 900)).toBe(true);
    expect(isSettled(events, 1000)).toBe(false);
    expect(isSettled(events, 2499)).toBe(false);
    expect(isSettled(events, 2501)).toBe(true);
  });
  test('a pause event alone does not unsettle (paused samples already count as unsteady)', () => {
    expect(isSettled([{ t: 1000, type: 'pause', pos: 3 }], 1200)).toBe(true);
  });
  test('steadyPosition combines both', () => {
    const trace = steadyTrace(0, { from: 0, to: 5000, stepMs: 50, startPos: 10 }, events);
    expect(steadyPosition(trace, 1200)).toBeNull();
    expect(steadyPosition(trace, 3025)).toBeCloseTo(13.025, 9);
  });
});
