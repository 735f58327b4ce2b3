import { describe, expect, test } from 'bun:test';
import { createValidator } from '../protocol/validator.ts';
import { jsonBytes, MAX_SERVER_FRAME_BYTES, REACTIONS, type Reaction } from '../protocol.ts';
import {
  addToHistogram,
  binIndex,
  countReactions,
  emptyHistogram,
  findPeaks,
  histogramFromCounts,
  MAX_PEAKS,
} from './histogram.ts';
import { HistogramSchema, TIMELINE_BINS } from './schema.ts';

const TWO_HOURS = 2 * 60 * 60;

/** A seeded pseudo-random sequence (tests stay the same run to run). */
function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe('binIndex', () => {
  test('equal bins over the film; the end and beyond count in the last bin', () => {
    expect(binIndex(0, 120, 120)).toBe(0);
    expect(binIndex(0.99, 120, 120)).toBe(0);
    expect(binIndex(1, 120, 120)).toBe(1);
    expect(binIndex(119.5, 120, 120)).toBe(119);
    expect(binIndex(500, 120, 120)).toBe(119);
  });
  test('odd inputs land in the first bin instead of throwing', () => {
    expect(binIndex(-3, 100)).toBe(0);
    expect(binIndex(Number.NaN, 100)).toBe(0);
    expect(binIndex(10, 0)).toBe(0);
  });
});

describe('histogramFromCounts', () => {
  test('sums per bin and names the dominant emoji; ties go to the earlier emoji', () => {
    const h = histogramFromCounts(
      [
        { bin: 3, emoji: '😂', count: 4 },
        { bin: 3, emoji: '😱', count: 2 },
        { bin: 7, emoji: '🔥', count: 1 },
        { bin: 7, emoji: '😢', count: 1 },
      ],
      60,
      10,
    );
    expect(h.total).toBe(8);
    expect(h.bins[3]).toEqual({ count: 6, emoji: '😂' });
    // 😢 comes before 🔥 in REACTIONS.
    expect(h.bins[7]).toEqual({ count: 2, emoji: '😢' });
    expect(h.bins[0]).toEqual({ count: 0, emoji: null });
  });

  test('a 2-hour film with 5,000 reactions: exactly TIMELINE_BINS bins, a small answer', () => {
    const next = random(7);
    const reactions = Array.from({ length: 5000 }, () => ({
      emoji: REACTIONS[Math.floor(next() * REACTIONS.length)] as Reaction,
      position: next() * TWO_HOURS,
    }));
    const rows = countReactions(reactions, TWO_HOURS);
    // What the server reads from the database is bounded by bins × emoji, not by reactions.
    expect(rows.length).toBeLessThanOrEqual(TIMELINE_BINS * REACTIONS.length);
    const h = histogramFromCounts(rows, TWO_HOURS);
    expect(h.bins).toHaveLength(TIMELINE_BINS);
    expect(h.total).toBe(5000);
    expect(h.bins.reduce((sum, b) => sum + b.count, 0)).toBe(5000);
    expect(createValidator(HistogramSchema).check(h)).toBe(true);
    expect(jsonBytes(h)).toBeLessThan(MAX_SERVER_FRAME_BYTES / 2);
  });
});

describe('addToHistogram', () => {
  test('a live reaction adds to its bin; an empty bin takes its emoji', () => {
    const h = addToHistogram(emptyHistogram(100, 10), '😱', 55);
    expect(h.total).toBe(1);
    expect(h.bins[5]).toEqual({ count: 1, emoji: '😱' });
    const again = addToHistogram(h, '😂', 51);
    expect(again.bins[5]).toEqual({ count: 2, emoji: '😱' });
  });
});

describe('findPeaks', () => {
  const withCounts = (counts: number[], emoji: Reaction = '😂') =>
    histogramFromCounts(
      counts.map((count, bin) => ({ bin, emoji, count })),
      counts.length * 10,
      counts.length,
    );

  test('local maxima above the floor, in film order, landing at the bin start', () => {
    const peaks = findPeaks(withCounts([0, 1, 6, 2, 0, 0, 9, 9, 1, 3]));
    expect(peaks.map((p) => [p.bin, p.position, p.count])).toEqual([
      [2, 20, 6],
      [6, 60, 9], // a plateau counts once, at its first bin
      [9, 90, 3],
    ]);
  });

  test('a burst that straddles two bins is one peak, at its first bin', () => {
    expect(findPeaks(withCounts([0, 0, 1, 1, 0, 0])).map((p) => [p.bin, p.count])).toEqual([
      [2, 1],
    ]);
    expect(findPeaks(withCounts([0, 2, 1, 0, 0, 1, 1, 0])).map((p) => p.bin)).toEqual([1, 5]);
  });

  test('a single reaction is no peak, nor is a bump far below the highest', () => {
    expect(findPeaks(withCounts([0, 1, 0, 0]))).toEqual([]);
    expect(findPeaks(withCounts([30, 0, 2, 0])).map((p) => p.bin)).toEqual([0]);
  });

  test('at most MAX_PEAKS, the highest ones', () => {
    const counts = Array.from({ length: 40 }, (_, i) => (i % 4 === 0 ? 10 + i : 0));
    const peaks = findPeaks(withCounts(counts));
    expect(peaks).toHaveLength(MAX_PEAKS);
    expect(peaks.map((p) => p.bin)).toEqual([20, 24, 28, 32, 36]);
  });

  test('the peak carries the dominant emoji of its bin', () => {
    const h = histogramFromCounts(
      [
        { bin: 1, emoji: '😱', count: 5 },
        { bin: 1, emoji: '😂', count: 2 },
      ],
      40,
      4,
    );
    expect(findPeaks(h)).toEqual([{ bin: 1, position: 10, count: 7, emoji: '😱' }]);
  });
});
