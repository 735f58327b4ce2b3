import { describe, expect, test } from 'bun:test';
import { percentile, summarize } from './stats.ts';

describe('percentile', () => {
  test('interpolates between closest ranks', () => {
    expect(percentile([1, 2, 3, 4], 50)).toBe(2.5);
    expect(percentile([10, 0, 20], 50)).toBe(10);
    expect(percentile([0, 100], 95)).toBeCloseTo(95);
  });
  test('ends are min and max; empty is NaN', () => {
    expect(percentile([5, 1, 9], 0)).toBe(1);
    expect(percentile([5, 1, 9], 100)).toBe(9);
    expect(percentile([], 50)).toBeNaN();
  });
});

describe('summarize', () => {
  test('counts and reports p50/p95/max', () => {
    const values = Array.from({ length: 101 }, (_, i) => i);
    expect(summarize(values)).toEqual({ count: 101, p50: 50, p95: 95, max: 100 });
  });
  test('empty input has NaN figures, not zeros that look like a result', () => {
    const s = summarize([]);
    expect(s.count).toBe(0);
    expect(s.p95).toBeNaN();
    expect(s.max).toBeNaN();
  });
});
