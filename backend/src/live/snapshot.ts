/**
 * Lets the in-memory store survive a graceful restart in dev mode (no Redis): its state is
 * written to a JSON file on close and read back at start. A crash loses it, which costs
 * nothing that matters: the room record (PGlite) keeps playback, settings and chat, and
 * clients re-register when they reconnect.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { PlaybackState, RoomSettings } from '@kino/shared/types';
import { createMemoryLiveState, createMemoryLiveStore, type MemoryLiveState } from './memory.ts';
import type { LiveParticipant, LiveStore } from './types.ts';

interface RoomSnapshot {
  playback: PlaybackState | null;
  settings: RoomSettings | null;
  participants: LiveParticipant[];
  rev: number;
}

export interface MemorySnapshot {
  version: 2;
  rooms: Record<string, RoomSnapshot>;
}

export function snapshotOf(state: MemoryLiveState): MemorySnapshot {
  const rooms: Record<string, RoomSnapshot> = {};
  for (const [id, room] of state.rooms) {
    rooms[id] = {
      playback: room.playback,
      settings: room.settings,
      participants: [...room.participants.values()],
      rev: room.rev,
    };
  }
  return { version: 2, rooms };
}

export function stateFromSnapshot(snapshot: MemorySnapshot): MemoryLiveState {
  const state = createMemoryLiveState();
  for (const [id, room] of Object.entries(snapshot.rooms)) {
    state.rooms.set(id, {
      playback: room.playback,
      settings: room.settings,
      participants: new Map(room.participants.map((p) => [p.connectionId, p])),
      rev: room.rev,
    });
  }
  return state;
}

function readSnapshot(path: string): MemoryLiveState {
  if (!existsSync(path)) return createMemoryLiveState();
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as MemorySnapshot;
    // Older snapshots (v1 kept chat here) are simply not restored: the record has the chat.
    if (parsed.version !== 2 || typeof parsed.rooms !== 'object') return createMemoryLiveState();
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
