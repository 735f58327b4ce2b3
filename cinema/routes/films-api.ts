/** Public catalogue JSON: GET /api/films. */
import type { CinemaContext } from '../context.ts';
import { json } from '../http/json.ts';
import type { Routes } from '../http/routes.ts';
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
            mediaUrl: `${ctx.publicUrl}/media/${encodeURIComponent(f.id)}.webm`,
          })),
        }),
    },
  };
}
