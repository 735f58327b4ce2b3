/**
 * The extension calls the API from the cinema's pages, another origin. Tokens
 * travel in the Authorization header (no cookies), so any origin may call.
 */
import { Elysia } from 'elysia';

const HEADERS = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, POST, OPTIONS',
  'access-control-allow-headers': 'authorization, content-type',
  'access-control-max-age': '600',
};

export const cors = new Elysia({ name: 'kino-cors' })
  .onRequest(({ request }) => {
    if (request.method === 'OPTIONS') return new Response(null, { status: 204, headers: HEADERS });
  })
  .onAfterHandle({ as: 'global' }, ({ set }) => {
    Object.assign(set.headers, HEADERS);
  });
