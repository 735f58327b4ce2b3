/**
 * The room's reaction timeline, read from the record's chat table (`room_chat`, kind
 * 'reaction', indexed by room and film position). Both reads are bounded whatever the room
 * holds: the histogram groups at most MAX_ROOM_REACTIONS rows into TIMELINE_BINS × emoji
 * counts; a window page reads at most `limit + 1` rows through the index.
 */
import {
  type BinCount,
  type Histogram,
  histogramFromCounts,
  isReactionEmoji,
  pageFromRows,
  TIMELINE_BINS,
  type TimelineReaction,
  WINDOW_PAGE_DEFAULT,
  type WindowPage,
  type WindowQuery,
} from '@kino/shared/reactions';
import { and, asc, eq, gt, gte, lt, or, sql } from 'drizzle-orm';
import type { AuthUser } from '../auth/verify.ts';
import { guardDb } from '../db/faults.ts';
import type { Db } from '../db/index.ts';
import { roomChat } from '../db/schema.ts';
import { HttpError } from '../http/errors.ts';
import { getRoomAccess } from '../rooms/access.ts';

/**
 * Who may read a room's timeline: whoever may read the room (owner, invitees, anyone with
 * the link when link joins are on) — also after it closed, to watch the film again later.
 */
export async function assertTimelineReader(db: Db, roomId: string, user: AuthUser) {
  const access = await getRoomAccess(db, roomId, user.id);
  if (!access) throw new HttpError(404, 'room_not_found', 'No such room');
  if (!access.isOwner && !access.isInvitee && !access.room.allowLinkJoin) {
    throw new HttpError(403, 'room_forbidden', 'You are not invited to this room');
  }
}

const isReactionRow = eq(roomChat.kind, 'reaction');

export async function reactionHistogram(
  db: Db,
  roomId: string,
  duration: number,
): Promise<Histogram> {
  const bin = sql<number>`least(${TIMELINE_BINS - 1}, greatest(0, floor(${roomChat.position} / ${duration}::float8 * ${TIMELINE_BINS})))::int`;
  const rows = await guardDb(() =>
    db
      .select({ bin, emoji: roomChat.text, count: sql<number>`count(*)::int` })
      .from(roomChat)
      .where(and(eq(roomChat.roomId, roomId), isReactionRow))
      .groupBy(sql`1`, roomChat.text),
  );
  const counts: BinCount[] = [];
  for (const row of rows) {
    if (isReactionEmoji(row.emoji)) {
      counts.push({ bin: Number(row.bin), emoji: row.emoji, count: Number(row.count) });
    }
  }
  return histogramFromCounts(counts, duration);
}

export async function reactionWindow(
  db: Db,
  roomId: string,
  query: WindowQuery,
): Promise<WindowPage> {
  const limit = query.limit ?? WINDOW_PAGE_DEFAULT;
  const start =
    query.afterCursor === undefined
      ? gte(roomChat.position, query.from)
      : or(
          gt(roomChat.position, query.from),
          and(eq(roomChat.position, query.from), gt(roomChat.cursor, query.afterCursor)),
        );
  const rows = await guardDb(() =>
    db
      .select({
        id: roomChat.id,
        cursor: roomChat.cursor,
        text: roomChat.text,
        position: roomChat.position,
        userId: roomChat.userId,
        name: roomChat.name,
      })
      .from(roomChat)
      .where(
        and(eq(roomChat.roomId, roomId), isReactionRow, lt(roomChat.position, query.to), start),
      )
      .orderBy(asc(roomChat.position), asc(roomChat.cursor))
      .limit(limit + 1),
  );
  const reactions: TimelineReaction[] = [];
  // A row whose text is no reaction (it cannot be: the parser checks) is left out, not sent.
  for (const { text, ...row } of rows) {
    if (isReactionEmoji(text)) reactions.push({ ...row, emoji: text });
  }
  return pageFromRows(reactions, limit);
}
