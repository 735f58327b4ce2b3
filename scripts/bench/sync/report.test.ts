import { describe, expect, test } from 'bun:test';
import type { RunFigures } from './analyze.ts';
import { goalsFor, markdownReport } from './report.ts';
import { summarize } from './stats.ts';

function figures(label: string, driftP95: number, actionP95: number): RunFigures {
  const drift = { count: 500, p50: 10, p95: driftP95, max: driftP95 * 2 };
  return {
    label,
    latency: label === 'proxy' ? { meanMs: 80, jitterMs: 30 } : null,
    members: ['anna', 'boris', 'vera'],
    durationSec: 30,
    drift,
    driftBySinceAction: [
      { label: '1.5–3 s', summary: drift },
      { label: '3–5 s', summary: drift },
      { label: '≥ 5 s', summary: summarize([]) },
    ],
    actionToEveryone: { count: 8, p50: 60, p95: actionP95, max: actionP95 },
    actionToEveryoneByType: {
      play: summarize([50]),
      pause: summarize([60]),
      seek: summarize([]),
    },
    unshownActions: 1,
    actions: 9,
    positionSamples: 1800,
    steadyShare: 0.4,
    maxClockSkewMs: 1.25,
    loadAverage: [1.5, 2.25],
  };
}

describe('goalsFor', () => {
  test('issue 6 goals per run', () => {
    expect(goalsFor('loopback')).toEqual({ driftP95Ms: 50, actionP95Ms: 150 });
    expect(goalsFor('proxy')).toEqual({ driftP95Ms: 80, actionP95Ms: null });
  });
});

describe('markdownReport', () => {
  const md = markdownReport([figures('loopback', 42, 200), figures('proxy', 120, 300)], {
    command: 'bun run bench:sync --quick',
    machine: '2 cores',
    date: '2026-11-26',
  });

  test('one row per run with the goals judged', () => {
    const rows = md
      .split('\n')
      .filter((l) => l.startsWith('| loopback') || l.startsWith('| proxy'));
    expect(rows[0]).toContain('| 42.0 ms ✅ ≤ 50 |');
    expect(rows[0]).toContain('| 200.0 ms ❌ > 150 |');
    expect(rows[1]).toStartWith('| proxy 80 ± 30 ms one-way |');
    expect(rows[1]).toContain('| 120.0 ms ❌ > 80 |');
    // No action goal through the proxy: the figure stands alone.
    expect(rows[1]).toContain('| 300.0 ms | 1 | 500 | 1800 | 9 |');
  });

  test('says how it was run and shows missing data as n/a, not as zero', () => {
    expect(md).toContain('`bun run bench:sync --quick` on 2 cores, 2026-11-26.');
    expect(md).toContain('n/a / n/a (0)');
    expect(md).toContain('| 10.0 / 42.0 / 84.0 (500) |');
    expect(md).toContain('| 40 % | 1.3 ms | 1.5 → 2.3 |');
  });
});
