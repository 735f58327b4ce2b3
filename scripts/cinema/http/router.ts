/**
 * A minimal method + path router: patterns like "/films/:id" where a ":name"
 * segment matches one non-empty path segment (percent-decoded).
 */

export type Params = Record<string, string>;
export type Handler = (req: Request, params: Params) => Response | Promise<Response>;
export type Method = 'GET' | 'POST';

export interface Route {
  method: Method;
  pattern: string;
  handler: Handler;
}

export type RouteMatch =
  | { kind: 'found'; handler: Handler; params: Params }
  | { kind: 'wrong-method'; allowed: Method[] }
  | { kind: 'none' };

function matchPattern(pattern: string, pathname: string): Params | null {
  const want = pattern.split('/');
  const got = pathname.split('/');
  if (want.length !== got.length) return null;
  const params: Params = {};
  for (let i = 0; i < want.length; i++) {
    const w = want[i] ?? '';
    const g = got[i] ?? '';
    if (w.startsWith(':')) {
      if (g === '') return null;
      try {
        params[w.slice(1)] = decodeURIComponent(g);
      } catch {
        return null; // A broken %-escape names nothing we serve.
      }
    } else if (w !== g) {
      return null;
    }
  }
  return params;
}

export function matchRoute(routes: readonly Route[], method: string, pathname: string): RouteMatch {
  // HEAD is answered like GET; the server drops the body.
  const effective = method === 'HEAD' ? 'GET' : method;
  const allowed: Method[] = [];
  for (const route of routes) {
    const params = matchPattern(route.pattern, pathname);
    if (!params) continue;
    if (route.method === effective) return { kind: 'found', handler: route.handler, params };
    allowed.push(route.method);
  }
  return allowed.length > 0 ? { kind: 'wrong-method', allowed } : { kind: 'none' };
}
