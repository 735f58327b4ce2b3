/**
 * The cinema's routes in Bun.serve's own shape: path pattern → handler per method. Bun does
 * the matching and decodes `:params`; this file only adds what Bun leaves to us — a 405 with
 * `Allow` for a known path asked with another method, and one catch for handler failures.
 */
import type { BunRequest } from 'bun';
import { jsonError } from './json.ts';

export type Method = 'GET' | 'POST';
export type Handler = (req: BunRequest) => Response | Promise<Response>;
export type Routes = Record<string, Partial<Record<Method, Handler>>>;

const ALL_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;

function guarded(handler: Handler): Handler {
  return async (req) => {
    try {
      return await handler(req);
    } catch (error) {
      console.error(`[cinema] ${req.method} ${new URL(req.url).pathname} failed:`, error);
      return jsonError(500, 'Internal error');
    }
  };
}

/**
 * Bun.serve `routes`: every handler guarded, and every method a path does not serve answered
 * with 405 (HEAD is served by GET, as Bun does).
 */
export function toServeRoutes(routes: Routes): Record<string, Record<string, Handler>> {
  const served: Record<string, Record<string, Handler>> = {};
  for (const [path, methods] of Object.entries(routes)) {
    const allowed = Object.keys(methods).join(', ');
    const refuse: Handler = (req) =>
      jsonError(405, `Method ${req.method} not allowed`, { Allow: allowed });
    const entry: Record<string, Handler> = {};
    for (const method of ALL_METHODS) {
      const handler = method === 'GET' || method === 'POST' ? methods[method] : undefined;
      entry[method] = handler ? guarded(handler) : refuse;
    }
    served[path] = entry;
  }
  return served;
}
