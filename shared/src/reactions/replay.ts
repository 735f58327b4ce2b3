/**
 * "Replay reactions": as the film passes the moments where the room reacted, those reactions
 * float again. The client holds only a window of film time around the playhead (fetched in
 * pages, at most REPLAY_MAX_HELD reactions), and decides each tick which ones are due. Pure:
 * positions come in, decisions come out.
 */
import type { TimelineReaction } from './schema.ts';

export const REPLAY_WINDOW = {
  /** Film time kept behind the playhead (s): a small step back replays without a fetch. */
  behindSec: 10,
  /** Film time fetched ahead of the playhead (s). */
  aheadSec: 120,
  /** A new window is fetched once the playhead is this close to the held window's end (s). */
  refetchMarginSec: 30,
};
/** Reactions held at most (pages stop there): memory stays flat on any film. */
export const REPLAY_MAX_HELD = 400;
/** Pages per window at most (each ≤ WINDOW_PAGE_MAX reactions). */
export const REPLAY_MAX_PAGES = 4;
/** A playhead step longer than this is a seek, not playing: nothing between floats (s)… */
export const REPLAY_MAX_STEP_SEC = 2;
/**
 * …unless the wall clock moved as much, give or take this (s): a slow tick (a throttled tab,
 * a busy machine) while the film plays on is still playing.
 */
export const REPLAY_PLAY_TOLERANCE_SEC = 1;
/** Reactions that start floating in one step at most: a burst of 50 becomes a few. */
export const REPLAY_MAX_BURST = 6;

export interface FilmWindow {
  from: number;
  to: number;
}

/** The window to hold around `position` on a film of `duration` s (unknown: Infinity). */
export function windowAround(position: number, duration: number): FilmWindow {
  const from = Math.max(0, position - REPLAY_WINDOW.behindSec);
  const end = Number.isFinite(duration) && duration > 0 ? duration : Number.POSITIVE_INFINITY;
  return { from, to: Math.max(from + 1, Math.min(end + 1, position + REPLAY_WINDOW.aheadSec)) };
}

/** Whether the held window no longer serves `position` (outside it, or near its end). */
export function needsWindow(held: FilmWindow | null, position: number, duration: number): boolean {
  if (!held) return true;
  if (position < held.from) return true;
  const filmEnds = Number.isFinite(duration) && held.to > duration;
  return !filmEnds && position > held.to - REPLAY_WINDOW.refetchMarginSec;
}

/** Merges a page into what is held: unique by id, in film order, never above the cap. */
export function mergeHeld(
  held: readonly TimelineReaction[],
  page: readonly TimelineReaction[],
): TimelineReaction[] {
  const byId = new Map(held.map((r) => [r.id, r]));
  for (const r of page) byId.set(r.id, r);
  return [...byId.values()]
    .sort((a, b) => a.position - b.position || a.cursor - b.cursor)
    .slice(0, REPLAY_MAX_HELD);
}

export interface ReplayState {
  /** The playhead at the last tick (null before the first). */
  last: number | null;
  /** Wall-clock time of the last tick (s; any monotonic clock). */
  lastWall: number | null;
  /** Ids floated (live or replayed) since the playhead last went back past them. */
  shown: ReadonlyMap<string, number>;
}

export const initialReplay: ReplayState = { last: null, lastWall: null, shown: new Map() };

/** A reaction seen live floats already: it must not float again on this pass of the film. */
export function markShown(state: ReplayState, id: string, position: number): ReplayState {
  const shown = new Map(state.shown);
  shown.set(id, position);
  return { ...state, shown: capShown(shown) };
}

const MAX_SHOWN = 2 * REPLAY_MAX_HELD;

function capShown(shown: Map<string, number>): Map<string, number> {
  // Oldest entries first (insertion order): what was shown longest ago is forgotten first.
  while (shown.size > MAX_SHOWN) shown.delete(shown.keys().next().value as string);
  return shown;
}

/**
 * A seek lands a little past where it was aimed: the room plays on while the command travels,
 * and the player seeks ahead by its seek latency (more on a busy machine). A jump to a peak
 * (the bin's start) could land just past the burst it was aimed at. So after any jump the
 * replay starts this far before the landing (film s), and what lies there floats as if played.
 */
export const REPLAY_LANDING_LEAD_SEC = 1.5;

/** What was shown before `position`: what lies from there on floats again when passed. */
function shownBefore(shown: ReadonlyMap<string, number>, position: number): Map<string, number> {
  return new Map([...shown].filter(([, at]) => at < position));
}

/** The replay after a jump to `now`: as if it had played the lead up to it (shown forgotten). */
function landed(state: ReplayState, now: number, wall: number): ReplayState {
  const from = Math.max(0, now - REPLAY_LANDING_LEAD_SEC);
  return { last: from, lastWall: wall - (now - from), shown: shownBefore(state.shown, from) };
}

/**
 * One tick at film `position` and wall-clock `wall` (s): the held reactions the playhead passed
 * since the last tick (last < position ≤ now), not shown yet, at most REPLAY_MAX_BURST. A jump
 * floats nothing in between; the replay goes on from REPLAY_LANDING_LEAD_SEC before its landing
 * and forgets what was shown from there, so watching a moment again replays it.
 */
export function tickReplay(
  state: ReplayState,
  held: readonly TimelineReaction[],
  now: number,
  wall: number,
): { state: ReplayState; due: TimelineReaction[] } {
  const { last, lastWall } = state;
  if (last === null) {
    return { state: { last: now, lastWall: wall, shown: shownBefore(state.shown, now) }, due: [] };
  }
  const step = now - last;
  const played =
    step >= 0 &&
    (step <= REPLAY_MAX_STEP_SEC ||
      (lastWall !== null && Math.abs(step - (wall - lastWall)) <= REPLAY_PLAY_TOLERANCE_SEC));
  if (!played) return { state: landed(state, now, wall), due: [] };
  const due = held
    .filter((r) => r.position > last && r.position <= now && !state.shown.has(r.id))
    .slice(0, REPLAY_MAX_BURST);
  if (due.length === 0) return { state: { ...state, last: now, lastWall: wall }, due };
  const shown = new Map(state.shown);
  for (const r of due) shown.set(r.id, r.position);
  return { state: { last: now, lastWall: wall, shown: capShown(shown) }, due };
}

/**
 * How far the playhead may get (film s) while the window it needs is loading (replay just
 * switched on, a seek out of the window) and what it passed still floats once the window is
 * there; past that it is let go, rather than float long after its moment.
 */
export const REPLAY_CATCH_UP_SEC = 5;

/** Whether the held window holds every reaction between `from` and `to` (film s). */
export function windowCovers(held: FilmWindow | null, from: number, to: number): boolean {
  return held !== null && from >= held.from && to < held.to;
}

/**
 * tickReplay while the held reactions may not cover the playhead's step yet: the replay waits
 * at its last moment, so a reaction the playhead passes while its window loads floats when the
 * window arrives (up to REPLAY_CATCH_UP_SEC late), not never. A jump back is a jump back at
 * once (what was shown after it is forgotten).
 */
export function tickReplayHeld(
  state: ReplayState,
  held: readonly TimelineReaction[],
  window: FilmWindow | null,
  now: number,
  wall: number,
): { state: ReplayState; due: TimelineReaction[] } {
  const { last } = state;
  if (last === null || now < last || windowCovers(window, last, now)) {
    return tickReplay(state, held, now, wall);
  }
  if (now - last <= REPLAY_CATCH_UP_SEC) return { state, due: [] };
  return { state: landed(state, now, wall), due: [] };
}

/**
 * Whether replay starts on for this member: they came late, i.e. the room had reactions
 * before they joined. Anyone can switch it either way in the sidebar.
 */
export function replayOnByDefault(reactionsBeforeJoin: number): boolean {
  return reactionsBeforeJoin > 0;
}
