/**
 * Where action→everyone time goes: a passive observer joins the room straight on the
 * backend (no proxy) and stamps every playback broadcast with the run's wall clock
 * (observer.ts). Each action is matched with the broadcast it caused, which splits its time
 * into action → server (the actor's video event, its extension, the upload, the server's
 * handling) and server → everyone (the download, the members' extensions applying it and
 * their videos firing the event). Pure.
 */
import type { ActionReaction } from './reaction.ts';
import { type Summary, summarize } from './stats.ts';
import type { ActionType } from './types.ts';

/** A playback broadcast as the observer received it. */
export interface RoomBroadcast {
  /** Wall-clock ms (the same clock as the pages' samples). */
  t: number;
  seq: number;
  /** What caused it: a member's play/pause/seek; null for anything else (buffering holds). */
  action: ActionType | null;
}

export interface ActionHop {
  /** Action until the observer had the broadcast (ms), or null when none matched. */
  serverMs: number | null;
  /** Broadcast until the last other member showed it (ms), when both are known. */
  afterServerMs: number | null;
}

/**
 * Each action's broadcast: the first not yet matched, of the same kind, within `timeoutMs`
 * after it (actions and broadcasts are both in time order, and the room orders commands).
 */
export function actionHops(
  reactions: readonly ActionReaction[],
  broadcasts: readonly RoomBroadcast[],
  timeoutMs = 5000,
): ActionHop[] {
  const sorted = [...broadcasts].sort((a, b) => a.t - b.t);
  let next = 0;
  return reactions.map(({ action, everyoneMs }) => {
    let k = next;
    while (k < sorted.length && (sorted[k]?.t ?? 0) < action.t) k++;
    while (k < sorted.length && sorted[k]?.action !== action.type) k++;
    const match = sorted[k];
    if (!match || match.t - action.t > timeoutMs) return { serverMs: null, afterServerMs: null };
    next = k + 1;
    const serverMs = match.t - action.t;
    return { serverMs, afterServerMs: everyoneMs === null ? null : everyoneMs - serverMs };
  });
}

export interface HopFigures {
  actionToServer: Summary;
  serverToEveryone: Summary;
}

export function hopFigures(hops: readonly ActionHop[]): HopFigures {
  const known = (values: (number | null)[]) => values.filter((v): v is number => v !== null);
  return {
    actionToServer: summarize(known(hops.map((h) => h.serverMs))),
    serverToEveryone: summarize(known(hops.map((h) => h.afterServerMs))),
  };
}
