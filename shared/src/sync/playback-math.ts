import type { PlaybackState } from '../types.ts';

/** Server clock now, from the local clock and the estimated offset (both ms). */
export function serverNow(localNow: number, offset: number): number {
  return localNow + offset;
}

/** Keeps a position (s) inside the film; an unknown (NaN) or missing duration bounds only 0. */
export function clampToFilm(position: number, durationSec?: number): number {
  const end = durationSec !== undefined && Number.isFinite(durationSec) ? durationSec : Infinity;
  return Math.min(Math.max(position, 0), end);
}

/**
 * Where the film should be at server time `serverNowMs`: the anchored position plus the
 * time since the anchor while playing, kept within the film.
 */
export function expectedPosition(
  playback: PlaybackState,
  serverNowMs: number,
  durationSec?: number,
): number {
  const elapsedSec = playback.playing ? ((serverNowMs - playback.at) / 1000) * playback.rate : 0;
  return clampToFilm(playback.position + elapsedSec, durationSec);
}
