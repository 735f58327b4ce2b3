/**
 * The cinema's request handler: routes, plus the fallbacks every request gets
 * (JSON errors under /api, HTML pages elsewhere, and a 500 instead of a crash).
 */
import { readSession } from './auth/session.ts';
import type { CinemaContext } from './context.ts';
import { jsonError } from './http/json.ts';
import { matchRoute, type Route } from './http/router.ts';
import { htmlResponse } from './pages/html.ts';
import { notFoundPage } from './pages/not-found.ts';
import { authApiRoutes } from './routes/auth-api.ts';
import { filmsApiRoutes } from './routes/films-api.ts';
import { serviceApiRoutes } from './routes/service-api.ts';
import { siteRoutes } from './routes/site.ts';

function isApi(pathname: string): boolean {
  return pathname === '/api' || pathname.startsWith('/api/');
}

export function createCinemaHandler(ctx: CinemaContext): (req: Request) => Promise<Response> {
  const routes: Route[] = [
    ...authApiRoutes(ctx),
    ...serviceApiRoutes(ctx),
    ...filmsApiRoutes(ctx),
    ...siteRoutes(ctx),
  ];

  async function notFound(req: Request, pathname: string): Promise<Response> {
    if (isApi(pathname)) return jsonError(404, `Not found: ${pathname}`);
    const user = (await readSession(req, ctx))?.user ?? null;
    return htmlResponse(notFoundPage(user, pathname), 404);
  }

  return async (req) => {
    const { pathname } = new URL(req.url);
    try {
      const match = matchRoute(routes, req.method, pathname);
      switch (match.kind) {
        case 'found':
          return await match.handler(req, match.params);
        case 'wrong-method':
          return jsonError(405, `Method ${req.method} not allowed`, {
            Allow: match.allowed.join(', '),
          });
        case 'none':
          return await notFound(req, pathname);
      }
    } catch (error) {
      console.error(`[cinema] ${req.method} ${pathname} failed:`, error);
      return jsonError(500, 'Internal error');
    }
  };
}
