import { describe, expect, test } from 'bun:test';
import {
  bucketOf,
  emptyHistogram,
  mean,
  merge,
  quantile,
  record,
  upperBound,
} from './histogram.ts';

describe('latency histogram', () => {
  test('a value lies within its bucket bound, with about 1% precision', () => {
    for (const v of [0.004, 0.5, 1, 3.3, 49.9, 250, 12_000]) {
      const bound = upperBound(bucketOf(v));
      expect(bound).toBeGreaterThanOrEqual(v);
      expect(bound).toBeLessThanOrEqual(v * 1.011 + 0.002);
    }
  });

  test('percentiles of 1..1000 ms are within 1% of the exact nearest-rank values', () => {
    const h = emptyHistogram();
    for (let v = 1000; v >= 1; v--) record(h, v);
    expect(h.count).toBe(1000);
    expect(Math.abs(quantile(h, 0.5) - 500) / 500).toBeLessThan(0.011);
    expect(Math.abs(quantile(h, 0.99) - 990) / 990).toBeLessThan(0.011);
    expect(quantile(h, 1)).toBe(1000);
    expect(Math.abs(quantile(h, 0) - 1)).toBeLessThan(0.011);
    expect(mean(h)).toBeCloseTo(500.5, 6);
  });

  test('one outlier moves p100 but not p99', () => {
    const h = emptyHistogram();
    for (let i = 0; i < 999; i++) record(h, 2);
    record(h, 900);
    expect(quantile(h, 0.99)).toBeLessThan(2.1);
    expect(quantile(h, 1)).toBe(900);
  });

  test('merging equals recording everything in one histogram, and survives JSON', () => {
    const a = emptyHistogram();
    const b = emptyHistogram();
    const all = emptyHistogram();
    for (let i = 0; i < 500; i++) {
      const v = (i * 7.3) % 120;
      record(i % 2 ? a : b, v);
      record(all, v);
    }
    const merged = merge([JSON.parse(JSON.stringify(a)), b]);
    expect(merged.count).toBe(all.count);
    expect(merged.min).toBe(all.min);
    expect(merged.max).toBe(all.max);
    for (const q of [0.5, 0.9, 0.99]) expect(quantile(merged, q)).toBe(quantile(all, q));
  });

  test('an empty histogram has no percentiles', () => {
    expect(quantile(emptyHistogram(), 0.5)).toBeNaN();
    expect(mean(merge([]))).toBeNaN();
  });
});
