/** Turns a run's recording into the figures the report shows. Pure. */
import { type DriftPoint, pairwiseDrift } from './drift.ts';
import { reactionTimes } from './reaction.ts';
import { type Summary, summarize } from './stats.ts';
import { lastIndexAtOrBefore } from './timeline.ts';
import type { ActionType, MemberAction, RunRecording } from './types.ts';

export interface RunFigures {
  label: string;
  latency: { meanMs: number; jitterMs: number } | null;
  members: string[];
  durationSec: number;
  /** |pairwise drift| in steady state (ms). */
  drift: Summary;
  /**
   * |drift| by time since the last action, to tell convergence tails from the
   * settled state: [1.5 s, 3 s), [3 s, 5 s), 5 s and later.
   */
  driftBySinceAction: { label: string; summary: Summary }[];
  /** Action until every other member shows it (ms), over the actions everyone showed. */
  actionToEveryone: Summary;
  /** The same, per kind of action. */
  actionToEveryoneByType: Record<ActionType, Summary>;
  /** Actions some member never showed within the timeout. */
  unshownActions: number;
  actions: number;
  positionSamples: number;
  /** Share of pair-instants that were steady (the rest: paused, seeking, settling). */
  steadyShare: number;
  maxClockSkewMs: number;
  /** 1-minute load average at the start and end: other work on the machine skews timing. */
  loadAverage: [number, number];
}

export const DRIFT_STEP_MS = 100;

export function driftPoints(recording: RunRecording): DriftPoint[] {
  return pairwiseDrift(recording.traces, recording.actions, recording.from, recording.to, {
    stepMs: DRIFT_STEP_MS,
  });
}

const SINCE_ACTION_BUCKETS = [
  { label: '1.5–3 s', fromMs: 0, toMs: 3000 },
  { label: '3–5 s', fromMs: 3000, toMs: 5000 },
  { label: '≥ 5 s', fromMs: 5000, toMs: Number.POSITIVE_INFINITY },
];

/** Splits drift points by how long ago (ms) the last action before them was. */
export function driftBySinceAction(
  points: readonly DriftPoint[],
  actions: readonly MemberAction[],
): { label: string; summary: Summary }[] {
  const since = (t: number) => {
    const action = actions[lastIndexAtOrBefore(actions, t)];
    return action ? t - action.t : Number.POSITIVE_INFINITY;
  };
  return SINCE_ACTION_BUCKETS.map((bucket) => ({
    label: bucket.label,
    summary: summarize(
      points
        .filter((p) => {
          const ms = since(p.t);
          // Before any action counts as settled (Infinity), in the last bucket.
          return (
            ms >= bucket.fromMs && (ms < bucket.toMs || bucket.toMs === Number.POSITIVE_INFINITY)
          );
        })
        .map((p) => Math.abs(p.driftMs)),
    ),
  }));
}

export function analyzeRun(recording: RunRecording, points = driftPoints(recording)): RunFigures {
  const reactions = reactionTimes(recording.traces, recording.actions);
  const shown = reactions.filter((r) => r.everyoneMs !== null);
  const byType = (type: ActionType) =>
    summarize(shown.filter((r) => r.action.type === type).map((r) => r.everyoneMs ?? 0));
  const n = recording.traces.length;
  const pairInstants =
    ((n * (n - 1)) / 2) * (Math.floor((recording.to - recording.from) / DRIFT_STEP_MS) + 1);
  return {
    label: recording.label,
    latency: recording.latency,
    members: recording.traces.map((t) => t.name),
    durationSec: (recording.to - recording.from) / 1000,
    drift: summarize(points.map((p) => Math.abs(p.driftMs))),
    driftBySinceAction: driftBySinceAction(points, recording.actions),
    actionToEveryone: summarize(shown.map((r) => r.everyoneMs ?? 0)),
    actionToEveryoneByType: { play: byType('play'), pause: byType('pause'), seek: byType('seek') },
    unshownActions: reactions.length - shown.length,
    actions: recording.actions.length,
    positionSamples: recording.traces.reduce((sum, t) => sum + t.samples.length, 0),
    steadyShare: pairInstants > 0 ? points.length / pairInstants : 0,
    maxClockSkewMs: Math.max(0, ...recording.clockSkewMs.map(Math.abs)),
    loadAverage: recording.loadAverage,
  };
}
