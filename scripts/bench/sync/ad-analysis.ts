/**
 * Ad breaks in a run's recording, pure (issue 17: "nobody left on the ad's timeline"):
 *
 * - when each member was away in the pre-roll ad: from its reload until its player shows
 *   the film again (the first sample not marked `ad`). Meanwhile it is not at a film
 *   position, so its samples and media events of that stretch leave the drift figures, and
 *   the room's actions of that stretch do not wait for it (action→everyone);
 * - how long it took to rejoin: from the film's start until its position stays within
 *   `toleranceMs` of the room (the median of the other members) for `holdMs`;
 * - whether anybody's position jumped without a room action: a jump of more than
 *   `minJumpSec` between two samples that no member's seek explains (a member yanked onto
 *   the ad's timeline, or anywhere else). The ad member's own way back (reload → rejoined)
 *   is its rejoin, not a jump.
 */
import { type Summary, summarize } from './stats.ts';
import { interpolatePosition, lastIndexAtOrBefore } from './timeline.ts';
import type { MemberAction, MemberTrace, PositionSample, RunRecording } from './types.ts';

export interface AdWindow {
  member: number;
  /** Wall-clock ms of the reload. */
  from: number;
  /** The first sample showing the film after the ad, or null when the film never came. */
  filmAt: number | null;
  /**
   * The first sample from then on with the film loaded (`readyState` ≥ 3): before it the
   * element sits at 0:00 with nothing to play, before its first media event, so its
   * position is no drift either. Null when it never loaded.
   */
  loadedAt: number | null;
  /** Whether the player showed the ad at all (a sample marked `ad`). */
  sawAd: boolean;
}

export function adWindows(recording: RunRecording): AdWindow[] {
  return (recording.adBreaks ?? []).map(({ member, reloadAt }) => {
    const samples = recording.traces.find((t) => t.member === member)?.samples ?? [];
    const after = samples.filter((s) => s.t > reloadAt);
    const film = after.find((s) => !s.ad);
    const loaded = film ? after.find((s) => s.t >= film.t && !s.ad && s.ready >= 3) : undefined;
    return {
      member,
      from: reloadAt,
      filmAt: film?.t ?? null,
      loadedAt: loaded?.t ?? null,
      sawAd: after.some((s) => s.ad && (film === undefined || s.t < film.t)),
    };
  });
}

/** Whether `member` was away in an ad (reload until the film) at `t`. */
export function isAway(windows: readonly AdWindow[], member: number, t: number): boolean {
  return windows.some(
    (w) => w.member === member && t >= w.from && (w.filmAt === null || t < w.filmAt),
  );
}

/**
 * The traces without their positions while away in an ad and until the film that follows
 * has loaded, for drift and nudges. The media
 * events stay: the film's start right after the ad (`play`, `waiting`, the rejoining seek)
 * keeps the player from counting as steady at 0:00 before it is taken to the room.
 */
export function withoutAdPositions(traces: readonly MemberTrace[], windows: readonly AdWindow[]) {
  const loading = (member: number, t: number) =>
    windows.some(
      (w) => w.member === member && t >= w.from && (w.loadedAt === null || t < w.loadedAt),
    );
  return traces.map((trace) => ({
    ...trace,
    samples: trace.samples.filter((s) => !s.ad && !loading(trace.member, s.t)),
  }));
}

/** The traces without anything their players did while away in an ad (action→everyone). */
export function filmOnly(traces: readonly MemberTrace[], windows: readonly AdWindow[]) {
  return withoutAdPositions(traces, windows).map((trace) => ({
    ...trace,
    events: trace.events.filter((e) => !isAway(windows, trace.member, e.t)),
  }));
}

export interface RejoinOptions {
  toleranceMs: number;
  holdMs: number;
  stepMs: number;
  /** Largest gap between two samples (ms) a position is read across. */
  maxGapMs: number;
}

export const DEFAULT_REJOIN: RejoinOptions = {
  toleranceMs: 50,
  holdMs: 500,
  stepMs: 50,
  maxGapMs: 300,
};

/** Where a player is at `t` (s), playing or paused, or null while it seeks, loads or jumps. */
export function positionAt(
  samples: readonly PositionSample[],
  t: number,
  maxGapMs = DEFAULT_REJOIN.maxGapMs,
): number | null {
  const i = lastIndexAtOrBefore(samples, t);
  const a = samples[i];
  const b = samples[i + 1];
  if (!a || !b || a.ad || b.ad || a.seeking || b.seeking || b.t - a.t > maxGapMs) return null;
  if (a.paused && b.paused) return Math.abs(b.pos - a.pos) < 0.001 ? a.pos : null;
  if (a.paused || b.paused) return null;
  return interpolatePosition(samples, t, {
    settleMs: 0,
    maxGapMs,
    maxJumpSec: 0.25,
  });
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

export interface Rejoin {
  window: AdWindow;
  /** From the film's start until the member stayed within tolerance of the room (ms). */
  ms: number | null;
  /** When it had rejoined (wall-clock ms), or null. */
  at: number | null;
}

/** How long each member took from the film's start to the room's moment (within `to`). */
export function rejoins(
  traces: readonly MemberTrace[],
  windows: readonly AdWindow[],
  to: number,
  options: RejoinOptions = DEFAULT_REJOIN,
): Rejoin[] {
  return windows.map((window) => {
    const own = traces.find((t) => t.member === window.member);
    const others = traces.filter((t) => t.member !== window.member);
    const next = windows.find((w) => w.member === window.member && w.from > window.from);
    const until = Math.min(to, next?.from ?? Number.POSITIVE_INFINITY);
    if (!own || window.filmAt === null || others.length === 0)
      return { window, ms: null, at: null };
    let streak: number | null = null;
    for (let t = window.filmAt; t <= until; t += options.stepMs) {
      const mine = positionAt(own.samples, t, options.maxGapMs);
      const theirs = others.map((o) => positionAt(o.samples, t, options.maxGapMs));
      const known = theirs.filter((p): p is number => p !== null);
      const close =
        mine !== null &&
        known.length === others.length &&
        Math.abs(mine - median(known)) * 1000 <= options.toleranceMs;
      if (!close) {
        streak = null;
        continue;
      }
      streak ??= t;
      if (t - streak >= options.holdMs) return { window, ms: streak - window.filmAt, at: streak };
    }
    return { window, ms: null, at: null };
  });
}

export interface JumpOptions {
  /** A change of position this much (s) beyond what playing explains is a jump. */
  minJumpSec: number;
  /** A seek explains a jump landing within this (s, plus the time since) of its target... */
  toleranceSec: number;
  /** ...up to this long after it (ms). */
  withinMs: number;
  /** Samples further apart (ms) are not compared (a reload's gap). */
  maxGapMs: number;
}

export const DEFAULT_JUMPS: JumpOptions = {
  minJumpSec: 1,
  toleranceSec: 1.5,
  withinMs: 5000,
  maxGapMs: 1000,
};

export interface Jump {
  member: number;
  t: number;
  /** Where the member was (s) and where it jumped to. */
  from: number;
  to: number;
}

function explained(actions: readonly MemberAction[], t: number, pos: number, o: JumpOptions) {
  return actions.some(
    (a) =>
      a.type === 'seek' &&
      a.t <= t &&
      t - a.t <= o.withinMs &&
      Math.abs(pos - a.pos) <= o.toleranceSec + (t - a.t) / 1000,
  );
}

/**
 * Jumps of position no member's seek explains. `rejoined` gives, per ad window, when its
 * member was back at the room's moment: until then its own jumps are its way back.
 */
export function unexplainedJumps(
  traces: readonly MemberTrace[],
  actions: readonly MemberAction[],
  rejoined: readonly Rejoin[],
  options: JumpOptions = DEFAULT_JUMPS,
): Jump[] {
  const returning = (member: number, t: number) =>
    rejoined.some(
      (r) => r.window.member === member && t >= r.window.from && (r.at === null || t <= r.at),
    );
  const jumps: Jump[] = [];
  for (const trace of traces) {
    const samples = trace.samples;
    for (let i = 1; i < samples.length; i++) {
      const a = samples[i - 1];
      const b = samples[i];
      if (!a || !b || a.ad || b.ad || b.t - a.t > options.maxGapMs) continue;
      if (returning(trace.member, b.t)) continue;
      const expected = a.pos + (a.paused ? 0 : ((b.t - a.t) / 1000) * a.rate);
      if (Math.abs(b.pos - expected) < options.minJumpSec) continue;
      if (explained(actions, b.t, b.pos, options)) continue;
      jumps.push({ member: trace.member, t: b.t, from: a.pos, to: b.pos });
    }
  }
  return jumps;
}

export interface AdBreakFigures {
  /** Reloads into the ad, and how many of them showed it. */
  breaks: number;
  sawAd: number;
  /** Reload until the film is in the player (ms). */
  awayMs: Summary;
  /** The film's start until within tolerance of the room (ms), over those that rejoined. */
  rejoinMs: Summary;
  notRejoined: number;
  /** Position jumps no seek explains, on anybody (the ad member's way back excepted). */
  jumps: Jump[];
}

export function adBreakFigures(recording: RunRecording): AdBreakFigures {
  const windows = adWindows(recording);
  const back = rejoins(recording.traces, windows, recording.to);
  const done = back.filter((r) => r.ms !== null).map((r) => r.ms ?? 0);
  return {
    breaks: windows.length,
    sawAd: windows.filter((w) => w.sawAd).length,
    awayMs: summarize(windows.flatMap((w) => (w.filmAt === null ? [] : [w.filmAt - w.from]))),
    rejoinMs: summarize(done),
    notRejoined: back.length - done.length,
    jumps: unexplainedJumps(recording.traces, recording.actions, back).filter(
      (j) => j.t >= recording.from && j.t <= recording.to,
    ),
  };
}
