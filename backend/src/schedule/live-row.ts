/** A room_live row for a room created scheduled (the record's own shape: record/postgres.ts). */
import { NO_BUFFERING } from '@kino/shared/room/buffering';
import { DEFAULT_ROOM_SETTINGS } from '@kino/shared/room/permissions';
import type { PlaybackState } from '@kino/shared/types';
import type { roomLive } from '../db/schema.ts';

export function liveRowOf(roomId: string, playback: PlaybackState): typeof roomLive.$inferInsert {
  return {
    roomId,
    playing: playback.playing,
    position: playback.position,
    at: playback.at,
    rate: playback.rate,
    seq: playback.seq,
    controlMode: DEFAULT_ROOM_SETTINGS.controlMode,
    bufferPolicy: DEFAULT_ROOM_SETTINGS.bufferPolicy,
    buffering: NO_BUFFERING,
    chatCursor: 0,
  };
}
