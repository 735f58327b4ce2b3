/**
 * The extension calls the API from the cinema's pages, another origin. Tokens
 * travel in the Authorization header (no cookies), so any origin may call the
 * API and /health. Nothing else is shared across origins: the dev outbox in
 * particular (every invite link) must not be readable by a page on another site.
 * Headers are set at request start so error responses carry them too (else the
 * browser would hide a 401's JSON behind a CORS failure).
 */
import { Elysia } from 'elysia';

const HEADERS = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, POST, OPTIONS',
  'access-control-allow-headers': 'authorization, content-type',
  'access-control-max-age': '600',
};

export function isCrossOriginPath(pathname: string): boolean {
  return pathname.startsWith('/api/') || pathname === '/health' || pathname.startsWith('/health/');
}

export const cors = new Elysia({ name: 'kino-cors' }).onRequest(({ request, set }) => {
  if (!isCrossOriginPath(new URL(request.url).pathname)) return;
  if (request.method === 'OPTIONS') return new Response(null, { status: 204, headers: HEADERS });
  Object.assign(set.headers, HEADERS);
});
