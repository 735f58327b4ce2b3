import { describe, expect, test } from 'bun:test';
import { emptyHistogram, record } from './histogram.ts';
import { memoryPerConnectionKb, mergeConnects, mergeStats, summarizePhase } from './summary.ts';
import type { PhaseStats } from './types.ts';

function stats(over: Partial<PhaseStats>, latencies: number[] = []): PhaseStats {
  const latency = emptyHistogram();
  for (const v of latencies) record(latency, v);
  return {
    phase: 'realistic',
    durationMs: 10_000,
    sentChat: 0,
    sentCommands: 0,
    delivered: 0,
    echoes: 0,
    latency,
    undelivered: 0,
    unmatched: 0,
    errors: {},
    unexpectedCloses: 0,
    held: 0,
    timeline: [],
    ...over,
  };
}

describe('summaries', () => {
  test('worker stats add up; the phase lasts as long as the slowest worker', () => {
    const merged = mergeStats('realistic', [
      stats({ sentChat: 10, delivered: 40, errors: { 'error:stale': 1 }, held: 5 }, [1, 2]),
      stats(
        { durationMs: 10_500, sentCommands: 3, delivered: 12, errors: { 'error:stale': 2 } },
        [3],
      ),
    ]);
    expect(merged.durationMs).toBe(10_500);
    expect(merged.sentChat + merged.sentCommands).toBe(13);
    expect(merged.delivered).toBe(52);
    expect(merged.errors).toEqual({ 'error:stale': 3 });
    expect(merged.latency.count).toBe(3);
    expect(merged.held).toBe(5);
  });

  test('rates per second, percentiles and every kind of error counted', () => {
    const s = summarizePhase(
      stats(
        {
          sentChat: 30,
          sentCommands: 10,
          delivered: 160,
          errors: { 'error:rate_limited': 2 },
          unexpectedCloses: 1,
          undelivered: 4,
        },
        Array.from({ length: 100 }, (_, i) => i + 1),
      ),
    );
    expect(s.sentPerSec).toBe(4);
    expect(s.deliveredPerSec).toBe(16);
    expect(Math.abs(s.p50Ms - 50) / 50).toBeLessThan(0.011);
    expect(Math.abs(s.p99Ms - 99) / 99).toBeLessThan(0.011);
    expect(s.maxMs).toBe(100);
    expect(s.errors).toBe(7);
  });

  test('a phase with no deliveries has no latency', () => {
    const s = summarizePhase(stats({ durationMs: 0 }));
    expect(s.deliveredPerSec).toBe(0);
    expect(s.p99Ms).toBeNaN();
    expect(s.maxMs).toBeNaN();
  });

  test('connect reports and memory per connection', () => {
    const c = mergeConnects([
      { attempted: 10, connected: 9, failed: 1, samples: ['x'], elapsedMs: 5 },
      { attempted: 10, connected: 10, failed: 0, samples: [], elapsedMs: 7 },
    ]);
    expect(c).toEqual({ attempted: 20, connected: 19, failed: 1, samples: ['x'], elapsedMs: 7 });
    expect(memoryPerConnectionKb(1_000, 21_000, 5_000)).toBe(4);
    expect(memoryPerConnectionKb(1_000, 2_000, 0)).toBeNaN();
  });
});
