/**
 * Which `history` page to ask for: an older page when the user scrolls up, or the lines of
 * the lowest gap in the chat we hold (a welcome page that could not carry every missed line,
 * a line the network lost). One request at a time; pure.
 */
import { HISTORY_MAX_LIMIT } from '@kino/shared/protocol';
import { chatGap, type RoomView } from './room-state';

const HISTORY_PAGE = 30;

export interface HistoryRequest {
  /** The view marked as waiting for this page. */
  view: RoomView;
  before: number;
  limit: number;
}

const inFlight = (view: RoomView) => view.loadingHistory || view.fillingGap !== null;

/** The page before the oldest line shown, when there is more and nothing is asked already. */
export function olderPageRequest(view: RoomView): HistoryRequest | null {
  const oldest = view.messages[0];
  if (!oldest || !view.hasMore || inFlight(view)) return null;
  return { view: { ...view, loadingHistory: true }, before: oldest.cursor, limit: HISTORY_PAGE };
}

/** The lines of the lowest gap, when there is one and nothing is asked already. */
export function gapRequest(view: RoomView): HistoryRequest | null {
  if (inFlight(view)) return null;
  const gap = chatGap(view);
  if (!gap) return null;
  const limit = Math.min(HISTORY_MAX_LIMIT, gap.before - gap.after - 1);
  return { view: { ...view, fillingGap: gap }, before: gap.before, limit };
}
