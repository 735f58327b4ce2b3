/**
 * The user API the backend reads (service to service, Bearer service key):
 * users, friends filtered by "Want to watch", films. Documented in README.md.
 */
import { hasServiceKey } from '../auth/service-key.ts';
import type { CinemaContext } from '../context.ts';
import type { SeedUser } from '../data/seed.ts';
import { json, jsonError } from '../http/json.ts';
import type { Handler, Routes } from '../http/routes.ts';

export function filmUrl(ctx: CinemaContext, filmId: string): string {
  return `${ctx.publicUrl}/films/${encodeURIComponent(filmId)}`;
}

/** What the backend may know of a person: `timeZone` only when the profile has one. */
function profileOf(user: SeedUser) {
  const { id, name, email, locale, timeZone } = user;
  return timeZone ? { id, name, email, locale, timeZone } : { id, name, email, locale };
}

export function serviceApiRoutes(ctx: CinemaContext): Routes {
  const guarded =
    (handler: Handler): Handler =>
    (req) =>
      hasServiceKey(req, ctx.config.serviceKey)
        ? handler(req)
        : jsonError(401, 'A valid service key is required (Authorization: Bearer <key>)');

  return {
    '/api/service/users/:id': {
      GET: guarded((req) => {
        const id = req.params.id ?? '';
        const user = ctx.directory.findUser(id);
        if (!user) return jsonError(404, `Unknown user: ${id}`);
        return json(profileOf(user));
      }),
    },
    '/api/service/users/:id/friends': {
      GET: guarded((req) => {
        const id = req.params.id ?? '';
        if (!ctx.directory.findUser(id)) return jsonError(404, `Unknown user: ${id}`);
        const wantsFilm = new URL(req.url).searchParams.get('wantsFilm') ?? undefined;
        if (wantsFilm !== undefined && !ctx.directory.findFilm(wantsFilm)) {
          return jsonError(404, `Unknown film: ${wantsFilm}`);
        }
        const friends = ctx.directory.friendsOf(id, wantsFilm).map(profileOf);
        return json({ friends });
      }),
    },
    '/api/service/films/:id': {
      GET: guarded((req) => {
        const id = req.params.id ?? '';
        const film = ctx.directory.findFilm(id);
        if (!film) return jsonError(404, `Unknown film: ${id}`);
        return json({
          id: film.id,
          title: film.title,
          url: filmUrl(ctx, film.id),
          durationSec: film.durationSec,
        });
      }),
    },
  };
}
