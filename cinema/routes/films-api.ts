/** Public catalogue JSON: GET /api/films. */
import type { CinemaContext } from '../context.ts';
import { json } from '../http/json.ts';
import type { Routes } from '../http/routes.ts';
import { progressivePath } from '../pages/playback.ts';
import { filmUrl } from './service-api.ts';

export function filmsApiRoutes(ctx: CinemaContext): Routes {
  return {
    '/api/films': {
      GET: () =>
        json({
          films: ctx.directory.listFilms().map((f) => ({
            id: f.id,
            title: f.title,
            titleEn: f.titleEn,
            year: f.year,
            durationSec: f.durationSec,
            url: filmUrl(ctx, f.id),
            stream: f.stream,
            preRollAd: f.preRollAd,
            // The progressive clip every film has, and the HLS master playlist when the
            // film streams and its stream is ready.
            mediaUrl: `${ctx.publicUrl}${progressivePath(f.id)}`,
            hlsUrl:
              f.stream === 'hls' && ctx.hls.has(f.id)
                ? `${ctx.publicUrl}${ctx.hls.masterPath(f.id)}`
                : null,
          })),
        }),
    },
  };
}
