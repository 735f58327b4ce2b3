import { admitConnection } from '@kino/shared/room/presence';
import { type Bucket, fullBucket, takeToken } from '@kino/shared/room/rate-limit';
import type { Participant, PlaybackState, RoomSettings } from '@kino/shared/types';
import {
  EVERY_INSTANCE_PREFIX,
  type LiveParticipant,
  type LiveStore,
  type PeerView,
  type RoomEvent,
} from './types.ts';
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
  /** Subscribers by instance id (the Redis store's inboxes). */
  handlers: Map<string, Set<(event: RoomEvent) => void>>;
  /** Which instances watch each room (the Redis store's sets of peers). */
  peers: Map<string, Set<string>>;
  /** The revision of each room's set of peers. */
  peerRevs: Map<string, number>;
  /** Subscribers' reconnect callbacks: `loseEverything` calls them, as a Redis restart would. */
  reconnects: Set<() => void>;
}

export function createMemoryLiveState(): MemoryLiveState {
  return {
    rooms: new Map(),
    buckets: new Map(),
    handlers: new Map(),
    peers: new Map(),
    peerRevs: new Map(),
    reconnects: new Set(),
  };
}

/** Tests: what a Redis restarted without persistence looks like — empty, and subscribers told. */
export function loseEverything(state: MemoryLiveState): void {
  state.rooms.clear();
  state.buckets.clear();
  state.peers.clear();
  state.peerRevs.clear();
  for (const reconnect of state.reconnects) reconnect();
}

/** Who receives `event`: every subscriber for a `*` pseudo-room, else the room's peers. */
function recipients(state: MemoryLiveState, event: RoomEvent): ((e: RoomEvent) => void)[] {
  const ids = event.roomId.startsWith(EVERY_INSTANCE_PREFIX)
    ? [...state.handlers.keys()]
    : [...(state.peers.get(event.roomId) ?? [])].filter(
        (id) => !event.local || id !== event.origin,
      );
  return ids.flatMap((id) => [...(state.handlers.get(id) ?? [])]);
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
  const ownHandlers = new Map<(event: RoomEvent) => void, string>();
  const ownReconnects = new Set<() => void>();
  /** `instanceId → rooms` this store registered, registered again after `loseEverything`. */
  const watched = new Map<string, Set<string>>();
  const bumpPeers = (roomId: string) => {
    const micros = Math.floor((performance.timeOrigin + performance.now()) * 1000);
    const rev = Math.max((state.peerRevs.get(roomId) ?? 0) + 1, micros);
    state.peerRevs.set(roomId, rev);
    return rev;
  };
  /** As the Redis store's WATCH_ROOM: a newcomer is announced to the room's other watchers. */
  const addPeer = (roomId: string, instanceId: string): PeerView => {
    const set = state.peers.get(roomId) ?? new Set<string>();
    const added = !set.has(instanceId);
    state.peers.set(roomId, set.add(instanceId));
    const rev = added ? bumpPeers(roomId) : (state.peerRevs.get(roomId) ?? bumpPeers(roomId));
    if (added) {
      const message = { type: '*watching' } as const;
      const notice = { roomId, origin: instanceId, rev, message, text: JSON.stringify(message) };
      const targets = [...set]
        .filter((id) => id !== instanceId)
        .flatMap((id) => [...(state.handlers.get(id) ?? [])]);
      queueMicrotask(() => {
        for (const handler of targets) handler({ ...notice, message: { ...message } });
      });
    }
    return { rev, peers: [...set] };
  };

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
      // As the Redis bus sends it: the message as text beside it, the same for every receiver.
      const text = event.text ?? JSON.stringify(event.message);
      const { text: _given, ...rest } = event;
      const delivered = copy(rest);
      const targets = recipients(state, event);
      // Asynchronous like a real bus, so callers can't rely on synchronous delivery.
      queueMicrotask(() => {
        for (const handler of targets) handler({ ...copy(delivered), text });
      });
      return targets.length;
    },
    async subscribe(handler, opts) {
      const set = state.handlers.get(opts.instanceId) ?? new Set();
      state.handlers.set(opts.instanceId, set.add(handler));
      ownHandlers.set(handler, opts.instanceId);
      const given = opts.onReconnect;
      // Registered again first, as the Redis store does after a reconnect.
      const reconnect = given
        ? () => {
            for (const [id, rooms] of watched) for (const roomId of rooms) addPeer(roomId, id);
            given();
          }
        : undefined;
      if (reconnect) {
        state.reconnects.add(reconnect);
        ownReconnects.add(reconnect);
      }
      return async () => {
        state.handlers.get(opts.instanceId)?.delete(handler);
        ownHandlers.delete(handler);
        if (reconnect) {
          state.reconnects.delete(reconnect);
          ownReconnects.delete(reconnect);
        }
      };
    },
    async watchRoom(roomId, instanceId) {
      const rooms = watched.get(instanceId) ?? new Set<string>();
      watched.set(instanceId, rooms.add(roomId));
      return addPeer(roomId, instanceId);
    },
    async unwatchRoom(roomId, instanceId) {
      watched.get(instanceId)?.delete(roomId);
      const set = state.peers.get(roomId);
      if (set?.delete(instanceId)) bumpPeers(roomId);
      if (set?.size === 0) state.peers.delete(roomId);
    },

    async close() {
      for (const [handler, id] of ownHandlers) state.handlers.get(id)?.delete(handler);
      for (const reconnect of ownReconnects) state.reconnects.delete(reconnect);
      ownHandlers.clear();
      ownReconnects.clear();
      watched.clear();
    },
  };
}
