/**
 * Turns a run's recording into the figures the report shows. Pure. A member away in a
 * pre-roll ad is at no film position: that stretch of its recording is left out of drift,
 * nudges and action→everyone (ad-analysis.ts), which the ad-break figures judge instead.
 */
import { DEFAULT_CORRECTION_CONFIG, DISTURBANCE_EVENTS } from '@kino/shared/sync';
import {
  type AdBreakFigures,
  adBreakFigures,
  adWindows,
  filmOnly,
  isAway,
  withoutAdPositions,
} from './ad-analysis.ts';
import { type DriftPoint, pairwiseDrift } from './drift.ts';
import { actionHops, type HopFigures, hopFigures } from './hops.ts';
import { reactionTimes } from './reaction.ts';
import { type Summary, summarize } from './stats.ts';
import { DEFAULT_STEADY, lastIndexAtOrBefore } from './timeline.ts';
import type { ActionType, MemberAction, MemberTrace, RunRecording } from './types.ts';

export interface RunFigures {
  label: string;
  title: string;
  latency: { meanMs: number; jitterMs: number } | null;
  members: string[];
  durationSec: number;
  /** |pairwise drift| from 0.5 s after any action or disturbance (ms): the strict metric. */
  drift: Summary;
  /** The same from 1.5 s after (the metric before issue 16), for comparison. */
  driftFrom1500: Summary;
  /** Strict |drift| by time since the last action: the convergence curve. */
  convergence: { label: string; summary: Summary }[];
  /** Strict |drift| of pairs of different browsers (Chromium–Firefox), if any. */
  crossBrowser: Summary;
  /**
   * Floor runs: per browser, |drift − its steady stretch's median|: the jitter of reading a
   * position that no sync can go below.
   */
  floorJitter: Record<string, Summary>;
  /** Floor runs: per browser, the raw |drift| of its two players (no sync at all). */
  floorRaw: Record<string, Summary>;
  /** Playback rates while playing (rateFigures). */
  rate: RateFigures;
  /** Action until every other member shows it (ms), over the actions everyone showed. */
  actionToEveryone: Summary;
  actionToEveryoneByType: Record<ActionType, Summary>;
  /** Action→everyone split at the server's broadcast (hops.ts): both halves, ms. */
  hops: HopFigures;
  /** Actions some member never showed within the timeout. */
  unshownActions: number;
  /** Seeks among the actions, and how many aimed outside the acting video's buffered ranges. */
  seeks: { count: number; unbuffered: number };
  /** Ad breaks, rejoins and position jumps no seek explains (every run has the jumps). */
  adBreak: AdBreakFigures;
  actions: number;
  positionSamples: number;
  /** Share of pair-instants that were steady (strict; the rest: paused, seeking, settling). */
  steadyShare: number;
  maxClockSkewMs: number;
  /** 1-minute load average at the start and end: other work on the machine skews timing. */
  loadAverage: [number, number];
}

export const DRIFT_STEP_MS = 100;
/** Drift counts from this long after an action or disturbance (issue 16). */
export const STRICT_SETTLE_MS = 500;
export const OLD_SETTLE_MS = 1500;

/** Which pairs compare: in a floor run only the two players of one page. */
function comparable(recording: RunRecording) {
  return (p: DriftPoint) => recording.label !== 'floor' || p.a >> 1 === p.b >> 1;
}

export function driftPoints(recording: RunRecording, settleMs = STRICT_SETTLE_MS): DriftPoint[] {
  const traces = withoutAdPositions(recording.traces, adWindows(recording));
  return pairwiseDrift(traces, recording.actions, recording.from, recording.to, {
    stepMs: DRIFT_STEP_MS,
    steady: { ...DEFAULT_STEADY, settleMs },
  }).filter(comparable(recording));
}

const CONVERGENCE_BUCKETS = [
  { label: '0.5–1 s', fromMs: 500, toMs: 1000 },
  { label: '1–1.5 s', fromMs: 1000, toMs: 1500 },
  { label: '1.5–3 s', fromMs: 1500, toMs: 3000 },
  { label: '≥ 3 s', fromMs: 3000, toMs: Number.POSITIVE_INFINITY },
];

/** Splits drift points by how long ago (ms) the last action before them was. */
export function driftBySinceAction(
  points: readonly DriftPoint[],
  actions: readonly MemberAction[],
  buckets = CONVERGENCE_BUCKETS,
): { label: string; summary: Summary }[] {
  const since = (t: number) => {
    const action = actions[lastIndexAtOrBefore(actions, t)];
    return action ? t - action.t : Number.POSITIVE_INFINITY;
  };
  return buckets.map((bucket) => ({
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

/** |drift − median of its stretch| per pair, a stretch being consecutive grid instants. */
export function jitterAroundStretch(points: readonly DriftPoint[], stepMs: number): number[] {
  const out: number[] = [];
  const byPair = new Map<string, DriftPoint[]>();
  for (const p of points) byPair.set(`${p.a}-${p.b}`, [...(byPair.get(`${p.a}-${p.b}`) ?? []), p]);
  for (const pairPoints of byPair.values()) {
    let stretch: DriftPoint[] = [];
    const flush = () => {
      if (stretch.length >= 5) {
        const sorted = stretch.map((p) => p.driftMs).sort((a, b) => a - b);
        const median = sorted[sorted.length >> 1] ?? 0;
        for (const p of stretch) out.push(Math.abs(p.driftMs - median));
      }
      stretch = [];
    };
    for (const p of pairPoints) {
      const last = stretch.at(-1);
      if (last && p.t - last.t > stepMs * 1.5) flush();
      stretch.push(p);
    }
    flush();
  }
  return out;
}

function browserOf(traces: readonly MemberTrace[], member: number): string {
  return traces.find((t) => t.member === member)?.browser ?? 'chromium';
}

export interface RateFigures {
  /** Largest |playbackRate − 1| of any playing sample. */
  maxDeviation: number;
  /** … of the samples in steady state: more than `landingMs` after the last disturbance. */
  steadyMax: number;
  /** … of the samples while landing: within `landingMs` of a play/seek/stall event. */
  landingMax: number;
  /** Share of playing samples with a nudge on. */
  nudgedShare: number;
}

/** Media events after which the correction lands (shared/src/sync/correction.ts). */
const LANDING_EVENTS = new Set<string>(DISTURBANCE_EVENTS);

/**
 * How far it may take, after the landing phase ends, until a sample shows the steady rate:
 * the correction steps down at its next tick (every 100 ms) and the probe samples every
 * 50 ms.
 */
export const STEP_DOWN_MS = 150;
export const LANDING_MS = DEFAULT_CORRECTION_CONFIG.landingSec * 1000 + STEP_DOWN_MS;

/** Playback rates while playing, split into the landing phase and steady state. */
export function rateFigures(traces: readonly MemberTrace[], landingMs = LANDING_MS): RateFigures {
  let max = 0;
  let steadyMax = 0;
  let landingMax = 0;
  let nudged = 0;
  let playing = 0;
  for (const trace of traces) {
    const disturbances = trace.events.filter((e) => LANDING_EVENTS.has(e.type));
    for (const s of trace.samples) {
      if (s.paused || s.seeking) continue;
      playing++;
      const deviation = Math.abs(s.rate - 1);
      const last = disturbances[lastIndexAtOrBefore(disturbances, s.t)];
      if (last && s.t - last.t < landingMs) landingMax = Math.max(landingMax, deviation);
      else steadyMax = Math.max(steadyMax, deviation);
      max = Math.max(max, deviation);
      if (deviation > 1e-6) nudged++;
    }
  }
  return {
    maxDeviation: max,
    steadyMax,
    landingMax,
    nudgedShare: playing > 0 ? nudged / playing : 0,
  };
}

export function analyzeRun(recording: RunRecording, points = driftPoints(recording)): RunFigures {
  const windows = adWindows(recording);
  const traces = withoutAdPositions(recording.traces, windows);
  const away = (member: number, t: number) => isAway(windows, member, t);
  const reactions =
    recording.label === 'floor'
      ? []
      : reactionTimes(filmOnly(traces, windows), recording.actions, undefined, away);
  const seeks = recording.actions.filter((a) => a.type === 'seek');
  const shown = reactions.filter((r) => r.everyoneMs !== null);
  const byType = (type: ActionType) =>
    summarize(shown.filter((r) => r.action.type === type).map((r) => r.everyoneMs ?? 0));
  const n = traces.length;
  const pairs = recording.label === 'floor' ? Math.floor(n / 2) : (n * (n - 1)) / 2;
  const pairInstants = pairs * (Math.floor((recording.to - recording.from) / DRIFT_STEP_MS) + 1);
  const abs = (list: readonly DriftPoint[]) => list.map((p) => Math.abs(p.driftMs));
  const cross = points.filter((p) => browserOf(traces, p.a) !== browserOf(traces, p.b));
  const floorJitter: Record<string, Summary> = {};
  const floorRaw: Record<string, Summary> = {};
  if (recording.label === 'floor') {
    for (const browser of new Set(traces.map((t) => t.browser ?? 'chromium'))) {
      const own = points.filter((p) => browserOf(traces, p.a) === browser);
      floorJitter[browser] = summarize(jitterAroundStretch(own, DRIFT_STEP_MS));
      floorRaw[browser] = summarize(abs(own));
    }
  }
  return {
    label: recording.label,
    title: recording.title ?? recording.label,
    latency: recording.latency,
    members: traces.map((t) => t.name),
    durationSec: (recording.to - recording.from) / 1000,
    drift: summarize(abs(points)),
    driftFrom1500: summarize(abs(driftPoints(recording, OLD_SETTLE_MS))),
    convergence: driftBySinceAction(points, recording.actions),
    crossBrowser: summarize(abs(cross)),
    floorJitter,
    floorRaw,
    rate: rateFigures(traces),
    actionToEveryone: summarize(shown.map((r) => r.everyoneMs ?? 0)),
    actionToEveryoneByType: { play: byType('play'), pause: byType('pause'), seek: byType('seek') },
    hops: hopFigures(actionHops(reactions, recording.broadcasts ?? [])),
    unshownActions: reactions.length - shown.length,
    seeks: { count: seeks.length, unbuffered: seeks.filter((a) => a.buffered === false).length },
    adBreak: adBreakFigures(recording),
    actions: recording.actions.length,
    positionSamples: traces.reduce((sum, t) => sum + t.samples.length, 0),
    steadyShare: pairInstants > 0 ? points.length / pairInstants : 0,
    maxClockSkewMs: Math.max(0, ...recording.clockSkewMs.map(Math.abs)),
    loadAverage: recording.loadAverage,
  };
}
