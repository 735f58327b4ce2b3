/**
 * Pairwise drift: at instants on a common grid, the difference between two
 * members' film positions, where both are steady and no member acted within the
 * settle window (right after an action the room is expected to disagree).
 */
import { DEFAULT_STEADY, type SteadyConfig, steadyPosition } from './timeline.ts';
import type { MemberAction, MemberTrace } from './types.ts';

export interface DriftPoint {
  /** Wall-clock ms. */
  t: number;
  /** Member indexes, a < b. */
  a: number;
  b: number;
  /** Position of a minus position of b, in ms of film. */
  driftMs: number;
}

export interface DriftOptions {
  /** Grid step (ms). */
  stepMs: number;
  steady?: SteadyConfig;
}

/** Whether some action happened within `settleMs` before `t` (actions sorted by t). */
export function inActionWindow(
  actions: readonly MemberAction[],
  t: number,
  settleMs: number,
): boolean {
  return actions.some((action) => action.t <= t && t - action.t < settleMs);
}

export function pairwiseDrift(
  traces: readonly MemberTrace[],
  actions: readonly MemberAction[],
  from: number,
  to: number,
  options: DriftOptions,
): DriftPoint[] {
  const steady = options.steady ?? DEFAULT_STEADY;
  const points: DriftPoint[] = [];
  for (let t = from; t <= to; t += options.stepMs) {
    if (inActionWindow(actions, t, steady.settleMs)) continue;
    const positions = traces.map((trace) => steadyPosition(trace, t, steady));
    for (let a = 0; a < positions.length; a++) {
      for (let b = a + 1; b < positions.length; b++) {
        const pa = positions[a];
        const pb = positions[b];
        if (pa == null || pb == null) continue;
        points.push({ t, a, b, driftMs: (pa - pb) * 1000 });
      }
    }
  }
  return points;
}
