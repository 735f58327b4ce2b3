/** JSON responses. Every error body is `{ error }` with an English message. */

export function json(body: unknown, init: ResponseInit = {}): Response {
  const headers = new Headers(init.headers);
  headers.set('Content-Type', 'application/json; charset=utf-8');
  headers.set('Cache-Control', 'no-store');
  return new Response(JSON.stringify(body), { ...init, headers });
}

export function jsonError(status: number, error: string, headers?: HeadersInit): Response {
  return json({ error }, { status, headers });
}
