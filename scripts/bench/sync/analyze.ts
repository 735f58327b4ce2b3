/** Turns a run's recording into the figures the report shows. Pure. */
import { type DriftPoint, pairwiseDrift } from './drift.ts';
import { reactionTimes } from './reaction.ts';
import { type Summary, summarize } from './stats.ts';
import type { ActionType, MemberAction, MemberTrace } from './types.ts';

export interface RunRecordingLike {
  label: string;
  latency: { meanMs: number; jitterMs: number } | null;
  from: number;
  to: number;
  traces: MemberTrace[];
  actions: MemberAction[];
  clockSkewMs: number[];
}

export interface RunFigures {
  label: string;
  latency: { meanMs: number; jitterMs: number } | null;
  members: string[];
  durationSec: number;
  /** |pairwise drift| in steady state (ms). */
  drift: Summary;
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
}

export const DRIFT_STEP_MS = 100;

export function driftPoints(recording: RunRecordingLike): DriftPoint[] {
  return pairwiseDrift(recording.traces, recording.actions, recording.from, recording.to, {
    stepMs: DRIFT_STEP_MS,
  });
}

export function analyzeRun(
  recording: RunRecordingLike,
  points = driftPoints(recording),
): RunFigures {
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
    actionToEveryone: summarize(shown.map((r) => r.everyoneMs ?? 0)),
    actionToEveryoneByType: { play: byType('play'), pause: byType('pause'), seek: byType('seek') },
    unshownActions: reactions.length - shown.length,
    actions: recording.actions.length,
    positionSamples: recording.traces.reduce((sum, t) => sum + t.samples.length, 0),
    steadyShare: pairInstants > 0 ? points.length / pairInstants : 0,
    maxClockSkewMs: Math.max(0, ...recording.clockSkewMs.map(Math.abs)),
  };
}
