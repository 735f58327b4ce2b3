/**
 * The cinema's routes and the fallback every other request gets (a JSON 404 under /api, the
 * HTML 404 page elsewhere). Bun.serve matches the routes; see http/routes.ts.
 */
import { readSession } from './auth/session.ts';
import type { CinemaContext } from './context.ts';
import { jsonError } from './http/json.ts';
import { toServeRoutes } from './http/routes.ts';
import { htmlResponse } from './pages/html.ts';
import { notFoundPage } from './pages/not-found.ts';
import { authApiRoutes } from './routes/auth-api.ts';
import { filmsApiRoutes } from './routes/films-api.ts';
import { mediaRoutes } from './routes/media.ts';
import { serviceApiRoutes } from './routes/service-api.ts';
import { siteRoutes } from './routes/site.ts';

function isApi(pathname: string): boolean {
  return pathname === '/api' || pathname.startsWith('/api/');
}

export function createCinemaRoutes(ctx: CinemaContext) {
  return toServeRoutes({
    ...authApiRoutes(ctx),
    ...serviceApiRoutes(ctx),
    ...filmsApiRoutes(ctx),
    ...siteRoutes(ctx),
    ...mediaRoutes(ctx),
  });
}

/** What no route matched. */
export function createNotFound(ctx: CinemaContext): (req: Request) => Promise<Response> {
  return async (req) => {
    const { pathname } = new URL(req.url);
    if (isApi(pathname)) return jsonError(404, `Not found: ${pathname}`);
    const user = (await readSession(req, ctx).catch(() => null))?.user ?? null;
    return htmlResponse(notFoundPage(user, pathname), 404);
  };
}
