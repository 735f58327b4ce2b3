import { admitConnection } from '@kino/shared/room/presence';
import { type Bucket, fullBucket, takeToken } from '@kino/shared/room/rate-limit';
import type { Participant, PlaybackState, RoomSettings } from '@kino/shared/types';
import type { LiveParticipant, LiveStore, RoomEvent } from './types.ts';
import { wireParticipant } from './wire.ts';

export interface MemoryRoom {
  playback: PlaybackState | null;
  settings: RoomSettings | null;
  participants: Map<string, LiveParticipant>;
  rev: number;
}

/**
 * The state behind in-memory stores. Several stores may share one, which is how
 * tests simulate two backend instances (or a restart) without Redis.
 */
export interface MemoryLiveState {
  rooms: Map<string, MemoryRoom>;
  buckets: Map<string, Bucket>;
  handlers: Set<(event: RoomEvent) => void>;
  /** Subscribers' reconnect callbacks: `loseEverything` calls them, as a Redis restart would. */
  reconnects: Set<() => void>;
}

export function createMemoryLiveState(): MemoryLiveState {
  return { rooms: new Map(), buckets: new Map(), handlers: new Set(), reconnects: new Set() };
}

/** Tests: what a Redis restarted without persistence looks like — empty, and subscribers told. */
export function loseEverything(state: MemoryLiveState): void {
  state.rooms.clear();
  state.buckets.clear();
  for (const reconnect of state.reconnects) reconnect();
}

// Copies on the way in and out, so callers never share objects with the store
// (Redis returns fresh objects too; the contract suite checks this).
const copy = <T>(value: T): T => structuredClone(value);

const byJoin = (a: Participant, b: Participant) =>
  a.joinedAt - b.joinedAt || a.connectionId.localeCompare(b.connectionId);

export function createMemoryLiveStore(state: MemoryLiveState = createMemoryLiveState()): LiveStore {
  const room = (roomId: string): MemoryRoom => {
    let found = state.rooms.get(roomId);
    if (!found) {
      found = { playback: null, settings: null, participants: new Map(), rev: 0 };
      state.rooms.set(roomId, found);
    }
    return found;
  };
  /** Revisions keep growing across a restart (wall-clock based), as the Redis ones do. */
  const bump = (r: MemoryRoom) => {
    const micros = Math.floor((performance.timeOrigin + performance.now()) * 1000);
    r.rev = Math.max(r.rev + 1, micros);
    return r.rev;
  };
  const ownHandlers = new Set<(event: RoomEvent) => void>();
  const ownReconnects = new Set<() => void>();

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
    async cachePlayback(roomId, playback) {
      const r = room(roomId);
      if (!r.playback || r.playback.seq < playback.seq) r.playback = copy(playback);
    },

    async getSettings(roomId) {
      const settings = state.rooms.get(roomId)?.settings ?? null;
      return settings && copy(settings);
    },
    async setSettings(roomId, settings) {
      room(roomId).settings = copy(settings);
    },

    async joinParticipant(roomId, participant, capacity) {
      const r = room(roomId);
      const admission = admitConnection([...r.participants.values()], participant, capacity);
      if (!admission.ok) return admission;
      const replaced = admission.replaces.map((id) => copy(r.participants.get(id)!));
      for (const id of admission.replaces) r.participants.delete(id);
      r.participants.set(participant.connectionId, copy(participant));
      return { ...admission, replaced, rev: bump(r) };
    },
    async putParticipant(roomId, participant) {
      const r = room(roomId);
      r.participants.set(participant.connectionId, copy(participant));
      return bump(r);
    },
    async removeParticipant(roomId, connectionId) {
      const r = state.rooms.get(roomId);
      const found = r?.participants.get(connectionId) ?? null;
      if (!r || !found) return { removed: null, lastOfUser: false, rev: r?.rev ?? 0 };
      r.participants.delete(connectionId);
      const lastOfUser = ![...r.participants.values()].some((p) => p.userId === found.userId);
      return { removed: copy(found), lastOfUser, rev: bump(r) };
    },
    async presence(roomId) {
      const r = state.rooms.get(roomId);
      const entries = r ? [...r.participants.values()].map(copy).sort(byJoin) : [];
      return { entries, rev: r?.rev ?? 0 };
    },
    async listParticipants(roomId) {
      const r = state.rooms.get(roomId);
      return r ? [...r.participants.values()].map(wireParticipant).sort(byJoin) : [];
    },

    async takeToken(key, limit, now) {
      const bucket = state.buckets.get(key) ?? fullBucket(limit, now);
      const taken = takeToken(bucket, limit, now);
      state.buckets.set(key, taken.bucket);
      return taken.allowed;
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
    async subscribe(handler, opts) {
      state.handlers.add(handler);
      ownHandlers.add(handler);
      const reconnect = opts?.onReconnect;
      if (reconnect) {
        state.reconnects.add(reconnect);
        ownReconnects.add(reconnect);
      }
      return async () => {
        state.handlers.delete(handler);
        ownHandlers.delete(handler);
        if (reconnect) {
          state.reconnects.delete(reconnect);
          ownReconnects.delete(reconnect);
        }
      };
    },

    async close() {
      for (const handler of ownHandlers) state.handlers.delete(handler);
      for (const reconnect of ownReconnects) state.reconnects.delete(reconnect);
      ownHandlers.clear();
      ownReconnects.clear();
    },
  };
}
