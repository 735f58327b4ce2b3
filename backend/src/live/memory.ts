import type { ChatMessage, Participant, PlaybackState, RoomSettings } from '@kino/shared/types';
import type { CasResult, ChatPage, LiveStore, RoomEvent } from './types.ts';

export interface MemoryRoom {
  playback: PlaybackState | null;
  settings: RoomSettings | null;
  participants: Map<string, Participant>;
  chat: ChatMessage[];
  chatIds: Map<string, ChatMessage>;
  nextCursor: number;
}

/**
 * The state behind in-memory stores. Several stores may share one, which is how
 * tests simulate two backend instances (or a restart) without Redis.
 */
export interface MemoryLiveState {
  rooms: Map<string, MemoryRoom>;
  handlers: Set<(event: RoomEvent) => void>;
}

export function createMemoryLiveState(): MemoryLiveState {
  return { rooms: new Map(), handlers: new Set() };
}

// Copies on the way in and out, so callers never share objects with the store
// (Redis returns fresh objects too; the contract suite checks this).
const copy = <T>(value: T): T => structuredClone(value);

export function createMemoryLiveStore(state: MemoryLiveState = createMemoryLiveState()): LiveStore {
  const room = (roomId: string): MemoryRoom => {
    let found = state.rooms.get(roomId);
    if (!found) {
      found = {
        playback: null,
        settings: null,
        participants: new Map(),
        chat: [],
        chatIds: new Map(),
        nextCursor: 1,
      };
      state.rooms.set(roomId, found);
    }
    return found;
  };
  const ownHandlers = new Set<(event: RoomEvent) => void>();

  return {
    kind: 'memory',

    async getPlayback(roomId) {
      const playback = state.rooms.get(roomId)?.playback ?? null;
      return playback && copy(playback);
    },
    async initPlayback(roomId, initial) {
      const r = room(roomId);
      if (!r.playback) r.playback = copy(initial);
      return copy(r.playback);
    },
    async casPlayback(roomId, expectedSeq, next): Promise<CasResult> {
      const r = room(roomId);
      if (!r.playback || r.playback.seq !== expectedSeq) {
        return { ok: false, state: r.playback && copy(r.playback) };
      }
      r.playback = copy(next);
      return { ok: true, state: copy(next) };
    },

    async getSettings(roomId) {
      const settings = state.rooms.get(roomId)?.settings ?? null;
      return settings && copy(settings);
    },
    async setSettings(roomId, settings) {
      room(roomId).settings = copy(settings);
    },

    async putParticipant(roomId, participant) {
      room(roomId).participants.set(participant.connectionId, copy(participant));
    },
    async removeParticipant(roomId, connectionId) {
      const r = state.rooms.get(roomId);
      const found = r?.participants.get(connectionId) ?? null;
      if (found) r?.participants.delete(connectionId);
      return found;
    },
    async listParticipants(roomId) {
      const r = state.rooms.get(roomId);
      const all = r ? [...r.participants.values()].map(copy) : [];
      return all.sort(
        (a, b) => a.joinedAt - b.joinedAt || a.connectionId.localeCompare(b.connectionId),
      );
    },

    async appendChat(roomId, message) {
      const r = room(roomId);
      const earlier = r.chatIds.get(message.id);
      if (earlier) return { stored: false, message: copy(earlier) };
      const stored: ChatMessage = { ...copy(message), cursor: r.nextCursor++ };
      r.chat.push(stored);
      r.chatIds.set(stored.id, stored);
      return { stored: true, message: copy(stored) };
    },
    async chatPage(roomId, { before, limit }): Promise<ChatPage> {
      const chat = state.rooms.get(roomId)?.chat ?? [];
      const older = before === undefined ? chat : chat.filter((m) => m.cursor < before);
      const start = Math.max(0, older.length - limit);
      return { messages: older.slice(start).map(copy), hasMore: start > 0 };
    },

    async deleteRoom(roomId) {
      state.rooms.delete(roomId);
    },

    async publish(event) {
      const delivered = copy(event);
      // Asynchronous like a real bus, so callers can't rely on synchronous delivery.
      queueMicrotask(() => {
        for (const handler of state.handlers) handler(copy(delivered));
      });
    },
    async subscribe(handler) {
      state.handlers.add(handler);
      ownHandlers.add(handler);
      return async () => {
        state.handlers.delete(handler);
        ownHandlers.delete(handler);
      };
    },

    async close() {
      for (const handler of ownHandlers) state.handlers.delete(handler);
      ownHandlers.clear();
    },
  };
}
