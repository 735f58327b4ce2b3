/**
 * What the simulated users do: every few seconds a random member plays, pauses or
 * seeks. Pure: the caller passes the room's current state and a random source.
 */
import { pick, type Random, uniform } from './random.ts';
import type { ActionType } from './types.ts';

export interface PlannedAction {
  member: number;
  type: ActionType;
  /** Seek target (s); for play/pause the member acts wherever their video is. */
  seekTo: number | null;
  /** Wait before the next action (ms). */
  nextInMs: number;
}

export interface ScenarioConfig {
  members: number;
  filmSec: number;
  minGapMs: number;
  maxGapMs: number;
  /** Seeks stay this far (s) from both ends of the film. */
  marginSec: number;
}

export const DEFAULT_GAP = { minGapMs: 2500, maxGapMs: 6000, marginSec: 30 };

/** The next action given whether the room is playing now. */
export function nextAction(
  config: ScenarioConfig,
  roomPlaying: boolean,
  random: Random,
): PlannedAction {
  const member = Math.floor(random() * config.members);
  // A playing room mostly gets seeks and pauses; a paused one mostly resumes,
  // so most of the run is playback, where drift is measured.
  const type: ActionType = roomPlaying
    ? pick(random, ['seek', 'seek', 'pause'] as const)
    : pick(random, ['play', 'play', 'play', 'seek'] as const);
  const seekTo =
    type === 'seek'
      ? Math.round(uniform(random, config.marginSec, config.filmSec - config.marginSec) * 10) / 10
      : null;
  return {
    member,
    type,
    seekTo,
    nextInMs: Math.round(uniform(random, config.minGapMs, config.maxGapMs)),
  };
}

/**
 * The member who acts instead of `member` when some are busy (in an ad break): the next one
 * round the room that is free, or null when nobody is.
 */
export function freeMember(member: number, busy: ReadonlySet<number>, members: number) {
  for (let k = 0; k < members; k++) {
    const candidate = (member + k) % members;
    if (!busy.has(candidate)) return candidate;
  }
  return null;
}
