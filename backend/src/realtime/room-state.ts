/**
 * A room's playback and settings as the handlers read them: the record (Postgres) is the
 * truth and decides every change; the live store (Redis) keeps a copy of the playback for the
 * cheap reads (a chat line's film position, the HTTP room view), rebuilt from the record
 * whenever it is missing — after Redis restarted empty, for instance.
 */
import { DEFAULT_ROOM_SETTINGS } from '@kino/shared/room/permissions';
import { initialPlayback } from '@kino/shared/room/playback-commands';
import type { PlaybackState } from '@kino/shared/types';
import { isDependencyUnavailable } from '../faults/unavailable.ts';
import type { RoomLiveRecord } from '../record/types.ts';
import type { RoomIO } from './room-io.ts';

/** What a room's record starts from. */
export const initialRoom = (now: number) => ({
  playback: initialPlayback(now),
  settings: DEFAULT_ROOM_SETTINGS,
});

/** The room's record, created on first use. */
export function loadRoom(io: RoomIO, roomId: string): Promise<RoomLiveRecord> {
  return io.ports.record.load(roomId, initialRoom(io.ports.now()));
}

/**
 * Updates the copy in the live store. A live store that is away only costs a later rebuild
 * (room-sync.ts), so that is not worth a log line per message; anything else is.
 */
export function cachePlayback(io: RoomIO, roomId: string, playback: PlaybackState): void {
  io.ports.live.cachePlayback(roomId, playback).catch((error: unknown) => {
    if (!isDependencyUnavailable(error)) io.logError('caching playback failed', error);
  });
}

/**
 * The room's playback for reads that may be a moment old: what this instance last handed out,
 * else the copy, else the record.
 */
export async function currentPlayback(io: RoomIO, roomId: string): Promise<PlaybackState> {
  const known = io.knownPlayback?.(roomId);
  if (known) return known;
  let cacheUp = true;
  const cached = await io.ports.live.getPlayback(roomId).catch(() => {
    cacheUp = false;
    return null;
  });
  if (cached) return cached;
  const { playback } = await loadRoom(io, roomId);
  if (cacheUp) cachePlayback(io, roomId, playback);
  return playback;
}
