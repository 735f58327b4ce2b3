/**
 * Action-to-everyone time: from a member's play/pause/seek until every other
 * member's video shows it (the first matching media event on their page).
 * - pause: a `pause` event; play: a `play` event;
 * - seek: a `seeking` event landing near the target (the room may have moved on
 *   by a little while playing, so a tolerance).
 */
import type { MemberAction, MemberTrace, VideoEvent } from './types.ts';

export interface ReactionOptions {
  /** How far from the seek target (s) a remote seek may land and still count. */
  seekToleranceSec: number;
  /** Give up on a member after this long (ms): the action counts as not shown. */
  timeoutMs: number;
}

export const DEFAULT_REACTION: ReactionOptions = { seekToleranceSec: 1.5, timeoutMs: 5000 };

export interface ActionReaction {
  action: MemberAction;
  /** Per other member, ms until their video showed the action (null = not within timeout). */
  perMember: { member: number; ms: number | null }[];
  /** Until the last of them showed it; null when someone never did. */
  everyoneMs: number | null;
}

function shows(action: MemberAction, event: VideoEvent, options: ReactionOptions): boolean {
  switch (action.type) {
    case 'play':
      return event.type === 'play';
    case 'pause':
      return event.type === 'pause';
    case 'seek':
      return (
        event.type === 'seeking' && Math.abs(event.pos - action.pos) <= options.seekToleranceSec
      );
  }
}

/**
 * `away(member, t)`: whether a member could not show an action taken at `t` (away in an ad,
 * ad-analysis.ts); "everyone" is then everyone else.
 */
export function reactionTimes(
  traces: readonly MemberTrace[],
  actions: readonly MemberAction[],
  options: ReactionOptions = DEFAULT_REACTION,
  away: (member: number, t: number) => boolean = () => false,
): ActionReaction[] {
  return actions.map((action) => {
    const perMember = traces
      .filter((trace) => trace.member !== action.member && !away(trace.member, action.t))
      .map((trace) => {
        const event = trace.events.find(
          (e) =>
            e.t >= action.t && e.t - action.t <= options.timeoutMs && shows(action, e, options),
        );
        return { member: trace.member, ms: event ? event.t - action.t : null };
      });
    const everyoneMs = perMember.some((m) => m.ms === null)
      ? null
      : Math.max(0, ...perMember.map((m) => m.ms ?? 0));
    return { action, perMember, everyoneMs };
  });
}
