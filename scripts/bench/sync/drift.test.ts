import { describe, expect, test } from 'bun:test';
import { inActionWindow, pairwiseDrift } from './drift.ts';
import { steadyTrace } from './test-traces.ts';

describe('pairwiseDrift', () => {
  test('measures the offset between every pair, signed a − b', () => {
    const traces = [
      steadyTrace(0, { from: 0, to: 2000, stepMs: 50, startPos: 10 }),
      steadyTrace(1, { from: 7, to: 2007, stepMs: 80, startPos: 10, offsetMs: -30 }),
      steadyTrace(2, { from: 3, to: 2003, stepMs: 60, startPos: 10, offsetMs: 12 }),
    ];
    const points = pairwiseDrift(traces, [], 100, 1900, { stepMs: 100 });
    const byPair = (a: number, b: number) => points.filter((p) => p.a === a && p.b === b);
    expect(byPair(0, 1).length).toBe(19);
    // Sampled at different instants, yet interpolation lines them up exactly.
    for (const p of byPair(0, 1)) expect(p.driftMs).toBeCloseTo(30, 6);
    for (const p of byPair(0, 2)) expect(p.driftMs).toBeCloseTo(-12, 6);
    for (const p of byPair(1, 2)) expect(p.driftMs).toBeCloseTo(-42, 6);
  });

  test('skips the settle window after any action and members that are not steady', () => {
    const traces = [
      steadyTrace(0, { from: 0, to: 5000, stepMs: 50, startPos: 10 }),
      steadyTrace(1, { from: 0, to: 2000, stepMs: 50, startPos: 10 }),
    ];
    const actions = [{ member: 0, t: 500, type: 'seek' as const, pos: 10 }];
    const points = pairwiseDrift(traces, actions, 0, 5000, { stepMs: 100 });
    // 500–1999 is the action's settle window; member 1 stops sampling at 2000.
    expect(points.map((p) => p.t)).toEqual([0, 100, 200, 300, 400]);
  });

  test('inActionWindow', () => {
    const actions = [{ member: 0, t: 1000, type: 'pause' as const, pos: 1 }];
    expect(inActionWindow(actions, 999, 1500)).toBe(false);
    expect(inActionWindow(actions, 1000, 1500)).toBe(true);
    expect(inActionWindow(actions, 2499, 1500)).toBe(true);
    expect(inActionWindow(actions, 2500, 1500)).toBe(false);
  });
});
