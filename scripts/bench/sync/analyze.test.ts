import { describe, expect, test } from 'bun:test';
import {
  analyzeRun,
  driftBySinceAction,
  driftPoints,
  jitterAroundStretch,
  rateFigures,
} from './analyze.ts';
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

  test('drift over all pairs, from 0.5 s after an action (and from 1.5 s, the old way)', () => {
    // |drifts| are 10, 30, 40 ms for every steady instant.
    expect(figures.drift.p50).toBeCloseTo(30, 6);
    expect(figures.drift.max).toBeCloseTo(40, 6);
    // 200 grid instants minus the 5 inside 10 000–10 499 ms, three pairs each.
    expect(figures.drift.count).toBe((200 - 5) * 3);
    expect(figures.driftFrom1500.count).toBe((200 - 15) * 3);
    expect(figures.steadyShare).toBeCloseTo(195 / 200, 6);
    expect(figures.crossBrowser.count).toBe(0);
    expect(figures.rate).toEqual({ maxDeviation: 0, steadyMax: 0, landingMax: 0, nudgedShare: 0 });
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
    const points = [1_000, 10_600, 11_200, 11_600, 13_500, 16_000, 30_000].map((t) => ({
      t,
      a: 0,
      b: 1,
      driftMs: t / 1000,
    }));
    const actions = [{ member: 0, t: 10_000, type: 'seek' as const, pos: 1 }];
    const buckets = driftBySinceAction(points, actions);
    expect(buckets.map((b) => b.label)).toEqual(['0.5–1 s', '1–1.5 s', '1.5–3 s', '≥ 3 s']);
    // Before any action counts as settled.
    expect(buckets.map((b) => b.summary.count)).toEqual([1, 1, 1, 4]);
    expect(buckets[2]?.summary.max).toBeCloseTo(11.6, 9);
  });
});

describe('floor and rate figures', () => {
  test('jitter around each stretch takes out the stretch’s own offset', () => {
    const stretch = (from: number, offset: number) =>
      Array.from({ length: 10 }, (_, i) => ({
        t: from + i * 100,
        a: 0,
        b: 1,
        driftMs: offset + (i % 2 === 0 ? 1 : -1),
      }));
    const jitter = jitterAroundStretch([...stretch(0, 30), ...stretch(5_000, -12)], 100);
    expect(jitter).toHaveLength(20);
    expect(Math.max(...jitter)).toBeLessThanOrEqual(2);
  });

  test('the largest nudge and the share of playing samples nudged', () => {
    const trace = steadyTrace(0, { from: 0, to: 950, stepMs: 50, startPos: 0 });
    trace.samples.forEach((s, i) => {
      if (i < 5) s.rate = 1.015;
    });
    trace.samples.push({ t: 1000, pos: 1, paused: true, seeking: false, rate: 1.5, ready: 4 });
    expect(rateFigures([trace])).toEqual({
      maxDeviation: expect.closeTo(0.015, 9),
      steadyMax: expect.closeTo(0.015, 9),
      landingMax: 0,
      nudgedShare: 0.25,
    });
  });

  test('nudges within the landing time after a play/seek/stall count as landing', () => {
    const trace = steadyTrace(0, { from: 0, to: 3_000, stepMs: 50, startPos: 0 }, [
      { t: 500, type: 'seeked', pos: 0.5 },
      { t: 600, type: 'pause', pos: 0.6 }, // not a disturbance: landing goes on
    ]);
    for (const s of trace.samples) {
      if (s.t < 500)
        s.rate = 0.99; // steady, before any disturbance
      else if (s.t < 1_500)
        s.rate = 1.12; // landing
      else if (s.t >= 2_000) s.rate = 1.025; // steady again
    }
    const figures = rateFigures([trace], 1_000);
    expect(figures.landingMax).toBeCloseTo(0.12, 9);
    expect(figures.steadyMax).toBeCloseTo(0.025, 9);
    expect(figures.maxDeviation).toBeCloseTo(0.12, 9);
    // A landing rate still on after the window is steady, and shows as such.
    expect(rateFigures([trace], 900).steadyMax).toBeCloseTo(0.12, 9);
  });

  test('a floor run compares only the two players of one page, per browser', () => {
    const page = (first: number, browser: 'chromium' | 'firefox', offsetMs: number) =>
      [0, 1].map((j) => ({
        ...steadyTrace(first + j, {
          from: 0,
          to: 5_000,
          stepMs: 50,
          startPos: 10,
          offsetMs: j * offsetMs,
        }),
        browser,
      }));
    const floor = analyzeRun({
      label: 'floor',
      latency: null,
      from: 0,
      to: 4_900,
      traces: [...page(0, 'chromium', 5), ...page(2, 'firefox', 20)],
      actions: [],
      clockSkewMs: [],
      loadAverage: [0, 0],
    });
    expect(floor.drift.count).toBe(50 * 2);
    expect(floor.floorRaw.chromium?.p95).toBeCloseTo(5, 6);
    expect(floor.floorRaw.firefox?.p95).toBeCloseTo(20, 6);
    expect(floor.floorJitter.chromium?.max).toBeCloseTo(0, 6);
    expect(floor.actionToEveryone.count).toBe(0);
  });
});

describe('a run with an ad break', () => {
  // Two members play along; the third reloads at 5 s and shows an ad (its own 0–4 s) until
  // 10 s, then plays 5 s off the room: its ad stretch is no drift, its film stretch is.
  const room = (t: number) => 100 + t / 1000;
  const ad = steadyTrace(2, { from: 0, to: 20_000, stepMs: 50, startPos: 100, offsetMs: 5000 });
  ad.samples = ad.samples.map((s) =>
    s.t >= 5000 && s.t < 10_000 ? { ...s, pos: (s.t - 5000) / 1000, ad: true } : s,
  );
  const recording = {
    label: 'ad' as const,
    latency: null,
    from: 0,
    to: 19_900,
    traces: [
      steadyTrace(0, { from: 0, to: 20_000, stepMs: 50, startPos: 100 }),
      steadyTrace(1, { from: 0, to: 20_000, stepMs: 50, startPos: 100 }, [
        { t: 7040, type: 'pause', pos: room(7040) },
      ]),
      ad,
    ],
    actions: [{ member: 0, t: 7000, type: 'pause' as const, pos: room(7000) }],
    clockSkewMs: [0, 0, 0],
    loadAverage: [1, 1] as [number, number],
    adBreaks: [{ member: 2, reloadAt: 5000 }],
  };
  const figures = analyzeRun(recording);

  test('the ad stretch leaves drift; the member is judged again on the film', () => {
    const inAd = (t: number) => t >= 5000 && t < 10_000;
    const pairsWithAd = driftPoints(recording).filter((p) => p.b === 2);
    expect(pairsWithAd.some((p) => inAd(p.t))).toBe(false);
    expect(pairsWithAd.filter((p) => p.t >= 10_000).every((p) => p.driftMs === -5000)).toBe(true);
    expect(figures.adBreak).toMatchObject({ breaks: 1, sawAd: 1, notRejoined: 1 });
  });

  test('an action taken while a member is in the ad does not wait for it', () => {
    // Boris shows the pause 40 ms later; the member in the ad never does, and is not asked.
    expect(figures.unshownActions).toBe(0);
    expect(figures.actionToEveryone.count).toBe(1);
    expect(figures.actionToEveryone.p50).toBeCloseTo(40, 6);
  });
});
