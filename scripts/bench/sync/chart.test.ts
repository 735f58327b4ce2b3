import { describe, expect, test } from 'bun:test';
import { contiguousSegments, driftChartSvg, yExtent } from './chart.ts';
import type { DriftPoint } from './drift.ts';

const point = (t: number, driftMs: number, a = 0, b = 1): DriftPoint => ({ t, a, b, driftMs });

describe('contiguousSegments', () => {
  test('splits where grid instants are missing', () => {
    const points = [point(0, 1), point(100, 2), point(200, 3), point(600, 4), point(700, 5)];
    expect(contiguousSegments(points, 100).map((s) => s.map((p) => p.t))).toEqual([
      [0, 100, 200],
      [600, 700],
    ]);
    expect(contiguousSegments([], 100)).toEqual([]);
  });
});

describe('yExtent', () => {
  test('shows at least 1.5× the goal, more when the drift is larger, on a round step', () => {
    expect(yExtent([point(0, 3)], 50)).toBe(75);
    expect(yExtent([point(0, -180)], 50)).toBe(200);
    expect(yExtent([point(0, 900)], 80)).toBe(1000);
  });
});

describe('driftChartSvg', () => {
  const panel = {
    title: 'loopback <test>',
    from: 0,
    to: 10_000,
    points: [point(1000, 10), point(1100, 12), point(1200, -5, 1, 2), point(5000, 40)],
    names: ['anna', 'boris', 'vera'],
    actionTimes: [500, 4000],
    goalMs: 50,
  };
  const svg = driftChartSvg([panel, { ...panel, title: 'proxy' }], 100);

  test('is a standalone SVG with one panel per run', () => {
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
    expect(svg).toContain('height="530"');
    expect(svg).toContain('loopback &lt;test&gt;'); // escaped
    expect(svg).toContain('>proxy<');
  });

  test('draws a line for a contiguous stretch and a dot for a lone point', () => {
    // Pair 0–1: a 2-point line (1000, 1100) and a lone point (5000); pair 1–2 a lone point.
    expect(svg.match(/<polyline /g)?.length).toBe(2);
    expect(svg.match(/<circle /g)?.length).toBe(4);
  });

  test('legend names pairs, the goal and the action ticks', () => {
    expect(svg).toContain('anna − boris');
    expect(svg).toContain('boris − vera');
    expect(svg).toContain('goal ±50.0 ms');
    // Two action ticks per panel, at 5 % and 40 % of the plot width.
    const plotLeft = 60;
    const plotW = 960 - 60 - 150;
    expect(svg).toContain(`x1="${(plotLeft + 0.05 * plotW).toFixed(1)}"`);
    expect(svg).toContain(`x1="${(plotLeft + 0.4 * plotW).toFixed(1)}"`);
  });
});
