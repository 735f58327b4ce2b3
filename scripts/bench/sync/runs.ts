/**
 * The benchmark's runs, as data: which browsers join, over which link, on which film and
 * stream, for how long, which ad breaks happen, and what each is judged against. Adding a
 * run (an HLS one, another link) is one more entry here. Pure.
 */
import { SEED_FILMS } from '@kino/cinema/data/seed';
import type { LinkLatency } from './jitter.ts';
import { DEFAULT_LOSS, type LossModel } from './lossy-link.ts';

export const RUN_LABELS = [
  'loopback',
  'proxy',
  'lossy',
  'mixed',
  'floor',
  'long',
  'hls',
  'ad',
] as const;
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

/** Which film the room watches, and how its page is opened. */
export interface RunFilm {
  /** A film of the demo cinema's catalogue (cinema/data/seed.ts holds its length). */
  id: string;
  /**
   * The film page's query. `long-road` plays through hls.js by default; the progressive
   * `.webm` keeps these runs comparable with the figures from before HLS.
   */
  query: string;
  /** Random seeks stay this far (s) from both ends of the film. */
  seekMarginSec: number;
}

/**
 * A member reloads its film page `atSec` into the run: a film with a pre-roll ad shows the
 * ad first (in the same <video>) while the room goes on, then the film, where the member
 * must rejoin the room's moment.
 */
export interface AdBreakPlan {
  atSec: number;
  member: number;
}

export interface RunDefinition {
  label: RunLabel;
  title: string;
  film: RunFilm;
  /** Ad breaks, in time order; none in most runs. */
  adBreaks: AdBreakPlan[];
  link: Link;
  /** One browser per member, in join order (the first owns the room). */
  browsers: BrowserName[];
  durationSec: number;
  /** Pause between two random actions (ms). */
  gap: { minGapMs: number; maxGapMs: number };
  goals: RunGoals;
}

/** A film's length (s), from the cinema's catalogue. */
export function filmSeconds(id: string): number {
  const film = SEED_FILMS.find((f) => f.id === id);
  if (!film) throw new Error(`no film "${id}" in the cinema's catalogue`);
  return film.durationSec;
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

/** The 12-minute film: seeks mostly land where hls.js has not buffered (~30 s ahead). */
const LONG_ROAD: RunFilm = { id: 'long-road', query: '?stream=progressive', seekMarginSec: 30 };
/**
 * A 90-second HLS film with the 10-second pre-roll ad (harbor-lights in the seed). Seeks
 * stay 20 s from the ends so that the run does not play into the film's end.
 */
const HARBOR_LIGHTS: RunFilm = { id: 'harbor-lights', query: '', seekMarginSec: 20 };
const ACTIVE_GAP = { minGapMs: 2500, maxGapMs: 6000 };

function chromiums(n: number): BrowserName[] {
  return Array.from({ length: n }, () => 'chromium' as const);
}

export function runDefinition(label: RunLabel, o: RunOptions): RunDefinition {
  const latency = { meanMs: o.latencyMs, jitterMs: o.jitterMs };
  const base = {
    label,
    film: LONG_ROAD,
    adBreaks: [] as AdBreakPlan[],
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
        film: { ...LONG_ROAD, query: '' },
        goals: { driftP95Ms: 50, crossBrowserP95Ms: null, actionP95Ms: 250 },
      };
    case 'ad':
      // The HLS film with a pre-roll ad: the last member reloads into the ad a third and two
      // thirds into the run (its page starts over: nothing buffered, the ad, then the film).
      // Issue 17's goals, and nobody may be left on (or taken to) the ad's timeline.
      return {
        ...base,
        title: 'HLS with ad breaks (reloads into the pre-roll ad), loopback',
        film: HARBOR_LIGHTS,
        adBreaks: [1, 2].map((k) => ({
          atSec: Math.round((o.durationSec * k) / 3),
          member: o.members - 1,
        })),
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
