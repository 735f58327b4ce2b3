/**
 * The room record in memory, for hub tests that run without a database. Same contract as the
 * Postgres record (backend/test/record/contract.ts); `touchRooms` is remembered for assertions.
 */

import { MAX_ROOM_REACTIONS } from '@kino/shared/reactions';
import { NO_BUFFERING } from '@kino/shared/room/buffering';
import type { ChatMessage } from '@kino/shared/types';
import { ReactionLimitError } from './errors.ts';
import type { RoomLiveRecord, RoomRecord } from './types.ts';

interface MemoryRoomRecord {
  live: RoomLiveRecord;
  chat: ChatMessage[];
  ids: Map<string, ChatMessage>;
}

export interface MemoryRecordState {
  rooms: Map<string, MemoryRoomRecord>;
  /** Last touch per room (ms). */
  touched: Map<string, number>;
}

export function createMemoryRecordState(): MemoryRecordState {
  return { rooms: new Map(), touched: new Map() };
}

const copy = <T>(value: T): T => structuredClone(value);

export function createMemoryRoomRecord(
  state: MemoryRecordState = createMemoryRecordState(),
  opts: { maxReactions?: number } = {},
): RoomRecord & { readonly state: MemoryRecordState } {
  const maxReactions = opts.maxReactions ?? MAX_ROOM_REACTIONS;
  const ensure = (roomId: string, initial: Parameters<RoomRecord['load']>[1]) => {
    let room = state.rooms.get(roomId);
    if (!room) {
      room = {
        live: { ...copy(initial), buffering: NO_BUFFERING, chatCursor: 0 },
        chat: [],
        ids: new Map(),
      };
      state.rooms.set(roomId, room);
    }
    return room;
  };

  return {
    kind: 'memory',
    state,
    async get(roomId) {
      const room = state.rooms.get(roomId);
      return room ? copy(room.live) : null;
    },
    async load(roomId, initial) {
      return copy(ensure(roomId, initial).live);
    },
    async casPlayback(roomId, expectedSeq, next, buffering) {
      const room = state.rooms.get(roomId);
      if (!room || room.live.playback.seq !== expectedSeq) {
        return { ok: false, state: room ? copy(room.live.playback) : null };
      }
      room.live.playback = copy(next);
      if (buffering) room.live.buffering = copy(buffering);
      return { ok: true, state: copy(next) };
    },
    async setSettings(roomId, settings) {
      const room = state.rooms.get(roomId);
      if (room) room.live.settings = copy(settings);
    },
    async appendChat(roomId, message, initial) {
      const room = ensure(roomId, initial);
      const earlier = room.ids.get(message.id);
      if (earlier) return { stored: false, message: copy(earlier) };
      if (message.kind === 'reaction') {
        const reactions = room.chat.filter((m) => m.kind === 'reaction').length;
        if (reactions >= maxReactions) throw new ReactionLimitError(maxReactions);
      }
      room.live.chatCursor += 1;
      const stored = { ...copy(message), cursor: room.live.chatCursor };
      room.chat.push(stored);
      room.ids.set(stored.id, stored);
      return { stored: true, message: copy(stored) };
    },
    async chatPage(roomId, { before, after, limit }) {
      if (limit <= 0) return { messages: [], hasMore: false };
      const chat = state.rooms.get(roomId)?.chat ?? [];
      const inRange = chat.filter(
        (m) =>
          (before === undefined || m.cursor < before) && (after === undefined || m.cursor > after),
      );
      const start = Math.max(0, inRange.length - limit);
      const messages = inRange.slice(start).map(copy);
      const belowAfter = after !== undefined && after > 0;
      return { messages, hasMore: start > 0 || (belowAfter && messages.length > 0) };
    },
    async chatAfter(roomId, after, limit) {
      const chat = state.rooms.get(roomId)?.chat ?? [];
      return chat
        .filter((m) => m.cursor > after)
        .slice(0, limit)
        .map(copy);
    },
    async chatCursors(roomIds) {
      const cursors = new Map<string, number>();
      for (const roomId of roomIds) {
        const room = state.rooms.get(roomId);
        if (room) cursors.set(roomId, room.live.chatCursor);
      }
      return cursors;
    },
    async touchRooms(roomIds, at) {
      for (const roomId of roomIds) state.touched.set(roomId, at);
    },
  };
}
