import { describe, expect, test } from 'bun:test';
import { mergeTimelines, noteSecond, slowSeconds, worstSeconds } from './timeline.ts';
import type { SecondStats } from './types.ts';

describe('latency timeline', () => {
  test('deliveries land in their second, with the max and the slow ones counted', () => {
    const stats = { timeline: [] as SecondStats[] };
    noteSecond(stats, 0, 3);
    noteSecond(stats, 2, 70);
    noteSecond(stats, 2, 10);
    noteSecond(stats, -1, 999);
    expect(stats.timeline).toEqual([
      { count: 1, maxMs: 3, over50: 0 },
      { count: 0, maxMs: 0, over50: 0 },
      { count: 2, maxMs: 70, over50: 1 },
    ]);
  });

  test('workers merge second by second, of unequal lengths', () => {
    const merged = mergeTimelines([
      [{ count: 1, maxMs: 3, over50: 0 }],
      [
        { count: 2, maxMs: 60, over50: 1 },
        { count: 5, maxMs: 4, over50: 0 },
      ],
    ]);
    expect(merged).toEqual([
      { count: 3, maxMs: 60, over50: 1 },
      { count: 5, maxMs: 4, over50: 0 },
    ]);
    expect(mergeTimelines([])).toEqual([]);
  });

  test('the worst seconds are named in time order; slow seconds counted at ≥ 1%', () => {
    const timeline: SecondStats[] = [
      { count: 100, maxMs: 10, over50: 0 },
      { count: 100, maxMs: 900, over50: 40 },
      { count: 100, maxMs: 60, over50: 1 },
      { count: 100, maxMs: 300, over50: 20 },
    ];
    expect(worstSeconds(timeline, 2)).toEqual([
      't=1 s: 40/100 > 50 ms, max 900 ms',
      't=3 s: 20/100 > 50 ms, max 300 ms',
    ]);
    expect(slowSeconds(timeline)).toBe(3);
  });
});
