/**
 * Finding and filling holes in the chat a client holds. The record assigns cursors one by one
 * per room (1, 2, 3, …), so a jump between two cursors a client has means lines it missed
 * (a dropped event, a page cut to fit a frame). The client asks `history { before }` for each
 * gap until it is filled or proven empty, and a reconnect resumes from before the first gap,
 * never from the highest cursor seen. Pure: the extension's reducer calls these.
 */

/** Cursors strictly between `after` and `before` are missing. */
export interface ChatGap {
  after: number;
  before: number;
}

/** The lowest gap in `cursors` (ascending) whose upper end is above `settledBelow`, or null. */
export function firstGap(cursors: readonly number[], settledBelow = 0): ChatGap | null {
  for (let i = 1; i < cursors.length; i++) {
    const after = cursors[i - 1]!;
    const before = cursors[i]!;
    if (before > after + 1 && before > settledBelow) return { after, before };
  }
  return null;
}

/** The `lastCursor` a reconnect sends: the end of the gap-free run the client holds. */
export function resumeCursor(cursors: readonly number[], settledBelow = 0): number | undefined {
  return firstGap(cursors, settledBelow)?.after ?? cursors.at(-1);
}

/**
 * After the page answering a gap's `history { before: gap.before }` arrived: the new
 * `settledBelow`. A page that reaches the gap's lower end (or the start of the chat) settles
 * it, filled or not — a cursor still missing then does not exist. Otherwise the rest of the
 * gap is asked for next.
 */
export function settleGap(
  gap: ChatGap,
  page: { messages: readonly { cursor: number }[]; hasMore: boolean },
  settledBelow: number,
): number {
  const oldest = page.messages[0]?.cursor;
  const reachedBottom = !page.hasMore || oldest === undefined || oldest <= gap.after + 1;
  return reachedBottom ? Math.max(settledBelow, gap.before) : settledBelow;
}
