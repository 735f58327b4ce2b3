import { describe, expect, test } from 'bun:test';
import type { RunFigures } from './analyze.ts';
import { goalsFor, markdownReport } from './report.ts';
import { summarize } from './stats.ts';

function figures(label: string, driftP95: number, actionP95: number): RunFigures {
  const drift = { count: 500, p50: 10, p95: driftP95, max: driftP95 * 2 };
  return {
    label,
    title: label === 'proxy' ? 'proxy 80 ± 30 ms one-way' : label,
    latency: label === 'proxy' ? { meanMs: 80, jitterMs: 30 } : null,
    members: ['anna', 'boris', 'vera'],
    durationSec: 30,
    drift,
    driftFrom1500: { ...drift, p95: driftP95 / 2 },
    convergence: [
      { label: '0.5–1 s', summary: drift },
      { label: '1–1.5 s', summary: drift },
      { label: '1.5–3 s', summary: drift },
      { label: '≥ 3 s', summary: summarize([]) },
    ],
    crossBrowser: label === 'mixed' ? summarize([30, 50]) : summarize([]),
    floorJitter: label === 'floor' ? { chromium: { count: 9, p50: 0.1, p95: 2, max: 3 } } : {},
    floorRaw: label === 'floor' ? { chromium: summarize([20]) } : {},
    rate: {
      maxDeviation: 0.12,
      steadyMax: label === 'proxy' ? 0.035 : 0.02,
      landingMax: label === 'proxy' ? 0.16 : 0.12,
      nudgedShare: 0.25,
    },
    actionToEveryone: { count: 8, p50: 60, p95: actionP95, max: actionP95 },
    actionToEveryoneByType: {
      play: summarize([50]),
      pause: summarize([60]),
      seek: summarize([]),
    },
    hops: { actionToServer: summarize([20, 30]), serverToEveryone: summarize([]) },
    unshownActions: 1,
    seeks: { count: 4, unbuffered: 3 },
    adBreak: {
      breaks: label === 'ad' ? 2 : 0,
      sawAd: label === 'ad' ? 2 : 0,
      awayMs: label === 'ad' ? summarize([11_000, 12_000]) : summarize([]),
      rejoinMs: label === 'ad' ? summarize([400]) : summarize([]),
      notRejoined: label === 'ad' ? 1 : 0,
      jumps: label === 'mixed' ? [{ member: 1, t: 5000, from: 303, to: 0.4 }] : [],
    },
    actions: 9,
    positionSamples: 1800,
    steadyShare: 0.4,
    maxClockSkewMs: 1.25,
    loadAverage: [1.5, 2.25],
  };
}

describe('goalsFor', () => {
  test('issue 16 goals per run', () => {
    expect(goalsFor('loopback')).toEqual({
      driftP95Ms: 1000 / 60,
      crossBrowserP95Ms: null,
      actionP95Ms: 100,
    });
    expect(goalsFor('lossy').driftP95Ms).toBeCloseTo(16.67, 2);
    expect(goalsFor('mixed')).toEqual({
      driftP95Ms: null,
      crossBrowserP95Ms: 40,
      actionP95Ms: null,
    });
  });
});

describe('markdownReport', () => {
  const md = markdownReport(
    [
      figures('floor', 20, 0),
      figures('loopback', 12, 200),
      figures('proxy', 120, 300),
      figures('mixed', 30, 90),
      figures('ad', 30, 90),
    ],
    {
      command: 'bun run bench:sync --quick',
      machine: '2 cores',
      date: '2026-11-26',
      rateBounds: { steady: 0.03, landing: 0.15, landingSec: 1 },
    },
  );
  const row = (start: string) => md.split('\n').find((l) => l.startsWith(`| ${start}`)) ?? '';

  test('one row per room run with the goals judged, the ratio to the floor and the nudges', () => {
    expect(row('loopback')).toContain('| 12.0 ms ✅ ≤ 16.7 | 6.0 ms |');
    expect(row('loopback')).toContain('| 6.0 × |'); // 12 / floor 2
    expect(row('loopback')).toContain('60.0 ms / 200.0 ms ❌ > 100');
    expect(row('loopback')).toContain('| 2.00 % ✅ ≤ 3 | 12.00 % ✅ ≤ 15 | 25 % | 1.5 → 2.3 |');
    expect(row('proxy 80 ± 30 ms one-way')).toContain('| 120.0 ms ❌ > 16.7 |');
    expect(row('proxy 80 ± 30 ms one-way')).toContain('| 3.50 % ❌ > 3 | 16.00 % ❌ > 15 |');
    expect(row('mixed')).toContain('| 49.0 ms ❌ > 40 |');
    // The floor has no row of its own here, only its table.
    expect(md).toContain('| chromium | 0.1 / 2.0 / 3.0 (9) | 20.0 / 20.0 / 20.0 (1) |');
  });

  test('says how it was run, shows the convergence curve and missing data as n/a', () => {
    expect(md).toContain('`bun run bench:sync --quick` on 2 cores, 2026-11-26.');
    expect(md).toContain(
      '| loopback | 10.0 / 12.0 / 24.0 (500) | 10.0 / 12.0 / 24.0 (500) | 10.0 / 12.0 / 24.0 (500) | n/a |',
    );
    expect(md).toContain('n/a / n/a (0)');
    expect(md).toContain('| 25.0 ms / 29.5 ms | n/a | 1 of 9 | 3 of 4 | 0 | 40 % | 1.3 ms |');
  });

  test('an ad-break table for the runs with ad breaks, and every unexplained jump listed', () => {
    const adRows = md.split('\n').filter((l) => l.startsWith('| ad |'));
    expect(adRows).toHaveLength(4); // drift, convergence, actions, ad breaks
    expect(adRows.at(-1)).toBe(
      '| ad | 2 (2) | 11500.0 ms / 12000.0 ms | 400.0 / 400.0 / 400.0 (1) | 1 | 0 ✅ |',
    );
    expect(md).toContain('- mixed: boris jumped 303.00 s → 0.40 s');
  });
});
