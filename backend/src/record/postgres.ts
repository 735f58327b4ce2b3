/**
 * The room record in Postgres (node-postgres or PGlite, through drizzle): `room_live` holds
 * each room's playback, settings, buffering holds and chat counter; `room_chat` every line.
 */

import { MAX_ROOM_REACTIONS } from '@kino/shared/reactions';
import { NO_BUFFERING } from '@kino/shared/room/buffering';
import type { ChatKind, ChatMessage, PlaybackState, RoomSettings } from '@kino/shared/types';
import { and, asc, desc, eq, gt, inArray, lt } from 'drizzle-orm';
import type { Db } from '../db/index.ts';
import { roomChat, roomLive } from '../db/schema.ts';
import { restartIdleClocks } from '../rooms/idle-clock.ts';
import { createChatAppender } from './chat-append.ts';
import { ReactionLimitError, recordCall } from './errors.ts';
import { recordStatements } from './statements.ts';
import type { RoomLiveRecord, RoomRecord } from './types.ts';

type LiveRow = typeof roomLive.$inferSelect;
type ChatRow = typeof roomChat.$inferSelect;

const playbackColumns = (p: PlaybackState) => ({
  playing: p.playing,
  position: p.position,
  at: p.at,
  rate: p.rate,
  seq: p.seq,
});

const playbackOf = (row: LiveRow): PlaybackState => ({
  playing: row.playing,
  position: row.position,
  at: row.at,
  rate: row.rate,
  seq: row.seq,
});

const recordOf = (row: LiveRow): RoomLiveRecord => ({
  playback: playbackOf(row),
  settings: {
    controlMode: row.controlMode as RoomSettings['controlMode'],
    bufferPolicy: row.bufferPolicy as RoomSettings['bufferPolicy'],
  },
  buffering: row.buffering,
  chatCursor: row.chatCursor,
});

const chatOf = (row: ChatRow): ChatMessage => ({
  id: row.id,
  cursor: row.cursor,
  kind: row.kind as ChatKind,
  userId: row.userId,
  name: row.name,
  text: row.text,
  at: row.at,
  position: row.position,
});

const newRow = (roomId: string, initial: { playback: PlaybackState; settings: RoomSettings }) => ({
  roomId,
  ...playbackColumns(initial.playback),
  controlMode: initial.settings.controlMode,
  bufferPolicy: initial.settings.bufferPolicy,
  buffering: NO_BUFFERING,
  chatCursor: 0,
});

export function createPostgresRoomRecord(
  db: Db,
  kind: 'postgres' | 'pglite',
  opts: { maxReactions?: number } = {},
): RoomRecord {
  const maxReactions = opts.maxReactions ?? MAX_ROOM_REACTIONS;
  const appender = createChatAppender(db, maxReactions);
  const statements = recordStatements(db);
  const get = async (roomId: string) => {
    const row = await statements.live(roomId);
    return row ? recordOf(row) : null;
  };
  const chatById = async (roomId: string, id: string) => {
    const [row] = await db
      .select()
      .from(roomChat)
      .where(and(eq(roomChat.roomId, roomId), eq(roomChat.id, id)));
    return row ? chatOf(row) : null;
  };

  return {
    kind,
    get: (roomId) => recordCall(() => get(roomId)),

    load: (roomId, initial) =>
      recordCall(async () => {
        const found = await get(roomId);
        if (found) return found;
        await db.insert(roomLive).values(newRow(roomId, initial)).onConflictDoNothing();
        return (await get(roomId)) as RoomLiveRecord;
      }),

    casPlayback: (roomId, expectedSeq, next, buffering) =>
      recordCall(async () => {
        const row = await statements.casPlayback(roomId, expectedSeq, next, buffering);
        if (row) return { ok: true as const, state: playbackOf(row) };
        const current = await get(roomId);
        return { ok: false as const, state: current?.playback ?? null };
      }),

    setSettings: (roomId, settings) =>
      recordCall(async () => {
        await db
          .update(roomLive)
          .set({ controlMode: settings.controlMode, bufferPolicy: settings.bufferPolicy })
          .where(eq(roomLive.roomId, roomId));
      }),

    appendChat: (roomId, message, initial) =>
      recordCall(async () => {
        const { stored, cursor } = await appender.append({ roomId, message, initial });
        if (stored && cursor !== null) return { stored, message: { ...message, cursor } };
        // Not stored: the id is there already — unless the room is full of reactions.
        const earlier = cursor === null ? null : await chatById(roomId, message.id);
        if (earlier) return { stored: false, message: earlier };
        throw new ReactionLimitError(maxReactions);
      }),

    chatPage: (roomId, { before, after, limit }) =>
      recordCall(async () => {
        if (limit <= 0) return { messages: [], hasMore: false };
        const rows = await db
          .select()
          .from(roomChat)
          .where(
            and(
              eq(roomChat.roomId, roomId),
              before === undefined ? undefined : lt(roomChat.cursor, before),
              after === undefined ? undefined : gt(roomChat.cursor, after),
            ),
          )
          .orderBy(desc(roomChat.cursor))
          .limit(limit + 1);
        const truncated = rows.length > limit;
        const messages = rows.slice(0, limit).reverse().map(chatOf);
        // Lines at or below `after` exist too (the client has them): cursors start at 1.
        const belowAfter = after !== undefined && after > 0;
        return { messages, hasMore: truncated || (belowAfter && messages.length > 0) };
      }),

    chatAfter: (roomId, after, limit) =>
      recordCall(async () => {
        const rows = await db
          .select()
          .from(roomChat)
          .where(and(eq(roomChat.roomId, roomId), gt(roomChat.cursor, after)))
          .orderBy(asc(roomChat.cursor))
          .limit(limit);
        return rows.map(chatOf);
      }),

    chatCursors: (roomIds) =>
      recordCall(async () => {
        if (roomIds.length === 0) return new Map();
        const rows = await db
          .select({ roomId: roomLive.roomId, chatCursor: roomLive.chatCursor })
          .from(roomLive)
          .where(inArray(roomLive.roomId, [...roomIds]));
        return new Map(rows.map((r) => [r.roomId, r.chatCursor]));
      }),

    touchRooms: (roomIds, at) =>
      recordCall(() =>
        restartIdleClocks(
          db,
          [...roomIds].map((id) => [id, at] as const),
        ),
      ),
  };
}
