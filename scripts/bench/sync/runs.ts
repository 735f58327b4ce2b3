/**
 * The benchmark's runs, as data: which browsers join, over which link, on which stream
 * of the film, for how long, and what each is judged against. Adding a run (an HLS
 * one, another link) is one more entry here. Pure.
 */
import type { LinkLatency } from './jitter.ts';
import { DEFAULT_LOSS, type LossModel } from './lossy-link.ts';

export const RUN_LABELS = ['loopback', 'proxy', 'lossy', 'mixed', 'floor', 'long', 'hls'] as const;
export type RunLabel = (typeof RUN_LABELS)[number];
export type BrowserName = 'chromium' | 'firefox';

export type Link =
  | { kind: 'direct' }
  | { kind: 'latency'; latency: LinkLatency }
  | { kind: 'lossy'; latency: LinkLatency; loss: LossModel };

export interface RunGoals {
  /** Strict drift p95 (from 0.5 s after an action), every pair (ms). */
  driftP95Ms: number | null;
  /** Drift p95 of Chromium–Firefox pairs (ms). */
  crossBrowserP95Ms: number | null;
  /** Action until every other member shows it, p95 (ms). */
  actionP95Ms: number | null;
}

export interface RunDefinition {
  label: RunLabel;
  title: string;
  /**
   * The film page's query. `long-road` plays through hls.js by default; the progressive
   * `.webm` keeps these runs comparable with the figures from before HLS.
   */
  filmQuery: string;
  link: Link;
  /** One browser per member, in join order (the first owns the room). */
  browsers: BrowserName[];
  durationSec: number;
  /** Pause between two random actions (ms). */
  gap: { minGapMs: number; maxGapMs: number };
  goals: RunGoals;
}

/** One frame at 60 fps: the goal of issue 16. */
export const ONE_FRAME_MS = 1000 / 60;

export interface RunOptions {
  members: number;
  durationSec: number;
  latencyMs: number;
  jitterMs: number;
  longSec: number;
}

const PROGRESSIVE = '?stream=progressive';
const ACTIVE_GAP = { minGapMs: 2500, maxGapMs: 6000 };

function chromiums(n: number): BrowserName[] {
  return Array.from({ length: n }, () => 'chromium' as const);
}

export function runDefinition(label: RunLabel, o: RunOptions): RunDefinition {
  const latency = { meanMs: o.latencyMs, jitterMs: o.jitterMs };
  const base = {
    label,
    filmQuery: PROGRESSIVE,
    browsers: chromiums(o.members),
    durationSec: o.durationSec,
    gap: ACTIVE_GAP,
    link: { kind: 'direct' } as Link,
    goals: { driftP95Ms: ONE_FRAME_MS, crossBrowserP95Ms: null, actionP95Ms: null } as RunGoals,
  };
  switch (label) {
    case 'loopback':
      return { ...base, title: 'loopback', goals: { ...base.goals, actionP95Ms: 100 } };
    case 'proxy':
      return {
        ...base,
        title: `proxy ${o.latencyMs} ± ${o.jitterMs} ms one-way`,
        link: { kind: 'latency', latency },
      };
    case 'lossy':
      return {
        ...base,
        title: `lossy proxy ${o.latencyMs} ± ${o.jitterMs} ms, ${DEFAULT_LOSS.lossRate * 100} % loss, ${DEFAULT_LOSS.stallMs} ms stalls`,
        link: { kind: 'lossy', latency, loss: DEFAULT_LOSS },
      };
    case 'mixed': {
      // Firefox last, so the room's owner is a Chromium member as in the other runs.
      const browsers = chromiums(Math.max(1, o.members - 1));
      return {
        ...base,
        title: `mixed: ${browsers.length} Chromium + 1 Firefox, loopback`,
        browsers: [...browsers, 'firefox'],
        goals: { driftP95Ms: null, crossBrowserP95Ms: 40, actionP95Ms: null },
      };
    }
    case 'floor':
      return {
        ...base,
        title: 'floor: two players in one page, per browser, no sync',
        browsers: ['chromium', 'firefox'],
        goals: { driftP95Ms: null, crossBrowserP95Ms: null, actionP95Ms: null },
      };
    case 'hls':
      // The film through hls.js (MSE), as the cinema streams it: random seeks land in ranges
      // not buffered yet (hls.js keeps ~30 s ahead of a 12-minute film). Issue 17's goals.
      return {
        ...base,
        title: 'HLS (hls.js, MSE), loopback',
        filmQuery: '',
        goals: { driftP95Ms: 50, crossBrowserP95Ms: null, actionP95Ms: 250 },
      };
    case 'long':
      return {
        ...base,
        title: `long: loopback, ${Math.round(o.longSec / 60)} min, an action every 1–2 min`,
        durationSec: o.longSec,
        gap: { minGapMs: 60_000, maxGapMs: 120_000 },
      };
  }
}
