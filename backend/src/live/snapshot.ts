/**
 * Lets the in-memory store survive a graceful restart in dev mode (no Redis):
 * its state is written to a JSON file on close and read back at start.
 * A crash loses it — production uses Redis.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { ChatMessage, Participant, PlaybackState, RoomSettings } from '@kino/shared/types';
import { createMemoryLiveState, createMemoryLiveStore, type MemoryLiveState } from './memory.ts';
import type { LiveStore } from './types.ts';

interface RoomSnapshot {
  playback: PlaybackState | null;
  settings: RoomSettings | null;
  participants: Participant[];
  chat: ChatMessage[];
  nextCursor: number;
}

export interface MemorySnapshot {
  version: 1;
  rooms: Record<string, RoomSnapshot>;
}

export function snapshotOf(state: MemoryLiveState): MemorySnapshot {
  const rooms: Record<string, RoomSnapshot> = {};
  for (const [id, room] of state.rooms) {
    rooms[id] = {
      playback: room.playback,
      settings: room.settings,
      participants: [...room.participants.values()],
      chat: room.chat,
      nextCursor: room.nextCursor,
    };
  }
  return { version: 1, rooms };
}

export function stateFromSnapshot(snapshot: MemorySnapshot): MemoryLiveState {
  const state = createMemoryLiveState();
  for (const [id, room] of Object.entries(snapshot.rooms)) {
    state.rooms.set(id, {
      playback: room.playback,
      settings: room.settings,
      participants: new Map(room.participants.map((p) => [p.connectionId, p])),
      chat: room.chat,
      chatIds: new Map(room.chat.map((m) => [m.id, m])),
      nextCursor: room.nextCursor,
    });
  }
  return state;
}

function readSnapshot(path: string): MemoryLiveState {
  if (!existsSync(path)) return createMemoryLiveState();
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as MemorySnapshot;
    if (parsed.version !== 1 || typeof parsed.rooms !== 'object') return createMemoryLiveState();
    return stateFromSnapshot(parsed);
  } catch {
    // A torn or foreign file only costs the live state of dev rooms; start empty.
    return createMemoryLiveState();
  }
}

export function createSnapshottedMemoryStore(path: string): LiveStore {
  const state = readSnapshot(path);
  const store = createMemoryLiveStore(state);
  return {
    ...store,
    async close() {
      await store.close();
      mkdirSync(dirname(path), { recursive: true });
      // Write then rename, so a crash mid-write leaves the previous snapshot intact.
      writeFileSync(`${path}.tmp`, JSON.stringify(snapshotOf(state)));
      renameSync(`${path}.tmp`, path);
    },
  };
}
