import { describe, expect, test } from 'bun:test';
import { analyzeRun, driftBySinceAction } from './analyze.ts';
import { steadyTrace } from './test-traces.ts';

describe('analyzeRun', () => {
  // Three members playing steadily 0–20 s; vera 30 ms behind anna; boris 10 ms ahead.
  const traces = [
    steadyTrace(0, { from: 0, to: 20_000, stepMs: 50, startPos: 100 }, [
      { t: 10_000, type: 'pause', pos: 110 },
    ]),
    steadyTrace(1, { from: 0, to: 20_000, stepMs: 50, startPos: 100, offsetMs: 10 }, [
      { t: 10_040, type: 'pause', pos: 110 },
    ]),
    steadyTrace(2, { from: 0, to: 20_000, stepMs: 50, startPos: 100, offsetMs: -30 }, [
      { t: 10_090, type: 'pause', pos: 110 },
    ]),
  ];
  const recording = {
    label: 'loopback' as const,
    latency: null,
    from: 0,
    to: 19_900,
    traces,
    actions: [{ member: 0, t: 10_000, type: 'pause' as const, pos: 110 }],
    clockSkewMs: [0.5, -2, 1],
    loadAverage: [0.5, 0.7] as [number, number],
  };
  const figures = analyzeRun(recording);

  test('drift over all pairs, outside the action window', () => {
    // |drifts| are 10, 30, 40 ms for every steady instant.
    expect(figures.drift.p50).toBeCloseTo(30, 6);
    expect(figures.drift.max).toBeCloseTo(40, 6);
    // 200 grid instants minus the 15 inside 10 000–11 499 ms, three pairs each.
    expect(figures.drift.count).toBe((200 - 15) * 3);
    expect(figures.steadyShare).toBeCloseTo(185 / 200, 6);
  });

  test('action to everyone, unshown actions and the counts', () => {
    expect(figures.actionToEveryone.p50).toBe(90);
    expect(figures.actionToEveryoneByType.pause.count).toBe(1);
    expect(figures.actionToEveryoneByType.seek.count).toBe(0);
    expect(figures.unshownActions).toBe(0);
    expect(figures.actions).toBe(1);
    expect(figures.positionSamples).toBe(3 * 401);
    expect(figures.members).toEqual(['m0', 'm1', 'm2']);
    expect(figures.maxClockSkewMs).toBe(2);
  });
});

describe('driftBySinceAction', () => {
  test('puts each point in the bucket of its time since the last action', () => {
    const points = [1_000, 11_600, 13_500, 16_000, 30_000].map((t) => ({
      t,
      a: 0,
      b: 1,
      driftMs: t / 1000,
    }));
    const actions = [{ member: 0, t: 10_000, type: 'seek' as const, pos: 1 }];
    const buckets = driftBySinceAction(points, actions);
    expect(buckets.map((b) => b.label)).toEqual(['1.5–3 s', '3–5 s', '≥ 5 s']);
    expect(buckets.map((b) => b.summary.count)).toEqual([1, 1, 3]); // before any action counts as settled
    expect(buckets[0]?.summary.max).toBeCloseTo(11.6, 9);
  });
});
