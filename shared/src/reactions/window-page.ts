/**
 * What a window page holds, as pure code: the reference the backend's SQL is tested
 * against, and the fake server of the replay tests. Reactions in film order (position,
 * then cursor) with `from ≤ position < to`, after (`from`, `afterCursor`) when continuing.
 */
import { fitListIntoFrame, MAX_SERVER_FRAME_BYTES } from '../protocol/frame-budget.ts';

/** Bytes `next` may take beyond `null`: two numbers of at most 17 digits and their keys. */
const NEXT_BYTES = 64;

import {
  type TimelineReaction,
  WINDOW_PAGE_DEFAULT,
  type WindowPage,
  type WindowQuery,
} from './schema.ts';

export const byFilmOrder = (a: TimelineReaction, b: TimelineReaction) =>
  a.position - b.position || a.cursor - b.cursor;

/** Whether `r` belongs to the window `query` asks for. */
export function inWindow(r: TimelineReaction, query: WindowQuery): boolean {
  if (r.position >= query.to) return false;
  if (query.afterCursor === undefined) return r.position >= query.from;
  return r.position > query.from || (r.position === query.from && r.cursor > query.afterCursor);
}

/**
 * The page from the first `limit + 1` matching reactions in film order (the extra one only
 * says more exist), cut to what fits one frame.
 */
export function pageFromRows(
  rows: readonly TimelineReaction[],
  limit: number = WINDOW_PAGE_DEFAULT,
): WindowPage {
  const more = rows.length > limit;
  const { message } = fitOldest(rows.slice(0, limit), more);
  return message;
}

function fitOldest(rows: readonly TimelineReaction[], more: boolean) {
  // fitListIntoFrame keeps the newest (the end); a page keeps the start: fit it reversed.
  const reversed = [...rows].reverse();
  return fitListIntoFrame(
    reversed,
    (list, cut) => {
      const reactions = [...list].reverse();
      const last = reactions.at(-1);
      const next = (more || cut) && last ? { position: last.position, cursor: last.cursor } : null;
      return { reactions, next };
      // `next` names a reaction only when the list has one: leave room for it.
    },
    { maxBytes: MAX_SERVER_FRAME_BYTES - NEXT_BYTES },
  );
}

/** The reference: a page of `all` (any order) for `query`. */
export function selectWindowPage(all: readonly TimelineReaction[], query: WindowQuery): WindowPage {
  const limit = query.limit ?? WINDOW_PAGE_DEFAULT;
  const rows = all
    .filter((r) => inWindow(r, query))
    .sort(byFilmOrder)
    .slice(0, limit + 1);
  return pageFromRows(rows, limit);
}
