/**
 * How a film page plays its film, decided from the catalogue and the streams that are ready:
 * pure, so the rules are tested without a server.
 *
 * - a `progressive` film: its .webm in a bare <video controls> (the browser's player);
 * - an `hls` film: its HLS stream in the cinema's player, after the pre-roll ad when the
 *   film has one; `?stream=progressive` plays the same film's .webm in the cinema's player
 *   instead (no ad), so one film can be measured both ways; so does a missing stream.
 */
import type { Film } from '../data/seed.ts';
import type { CinemaPlayerInput } from './cinema-player.ts';

export type Playback = { kind: 'native'; src: string } | ({ kind: 'cinema' } & CinemaPlayerInput);

export interface StreamsReady {
  has(id: string): boolean;
  masterPath(id: string): string;
}

export const AD_STREAM_ID = 'ad';

export function progressivePath(filmId: string): string {
  return `/media/${encodeURIComponent(filmId)}.webm`;
}

export function playbackFor(
  film: Pick<Film, 'id' | 'stream' | 'preRollAd' | 'introEndSec'>,
  streams: StreamsReady,
  requested: string | null,
): Playback {
  const webm = progressivePath(film.id);
  if (film.stream === 'progressive') return { kind: 'native', src: webm };
  if (requested === 'progressive' || !streams.has(film.id)) {
    return {
      kind: 'cinema',
      src: webm,
      stream: 'progressive',
      adSrc: null,
      introEnd: film.introEndSec,
    };
  }
  const withAd = film.preRollAd && streams.has(AD_STREAM_ID);
  return {
    kind: 'cinema',
    src: streams.masterPath(film.id),
    stream: 'hls',
    adSrc: withAd ? streams.masterPath(AD_STREAM_ID) : null,
    introEnd: film.introEndSec,
  };
}
