/**
 * Request bodies are bounded before anything reads them:
 *  1. `Content-Length` over the limit → 413 at once, nothing read;
 *  2. (api-guard.ts, registered next: an /api request's token is verified and its user's
 *     rate checked before the body is touched);
 *  3. the body is streamed with a running count, so a chunked body is cut off at the limit
 *     (413) instead of buffered whole, and read within BODY_READ_TIMEOUT_MS (408);
 *  4. only JSON is accepted (415), as well-formed UTF-8 (400), parsed once.
 * Behind all this Bun itself refuses anything over TRANSPORT_MAX_BODY_BYTES (app.ts).
 */
import { Elysia } from 'elysia';
import { HttpError } from './errors.ts';

/** Bun's own cap (plain 413, connection closed): a backstop above every route's limit. */
export const TRANSPORT_MAX_BODY_BYTES = 64 * 1024;
/** A trickling body holds a connection at most this long. */
export const BODY_READ_TIMEOUT_MS = 10_000;

function tooLarge(maxBytes: number): HttpError {
  return new HttpError(413, 'body_too_large', `The request body is over ${maxBytes} bytes`, {
    maxBytes,
  });
}

const isJson = (contentType: string) => /^application\/(?:[\w.+-]+\+)?json\b/i.test(contentType);

/** The whole body, refusing it as soon as it passes `maxBytes` or takes too long. */
export async function readBodyCapped(
  request: Request,
  maxBytes: number,
  timeoutMs = BODY_READ_TIMEOUT_MS,
): Promise<Uint8Array> {
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const slow = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new HttpError(408, 'body_timeout', 'The request body arrived too slowly')),
      timeoutMs,
    );
  });
  try {
    for (;;) {
      const { done, value } = await Promise.race([reader.read(), slow]);
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) throw tooLarge(maxBytes);
      chunks.push(value);
    }
  } catch (error) {
    await reader.cancel().catch(() => {});
    throw error;
  } finally {
    clearTimeout(timer);
  }
  const body = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function parseJson(bytes: Uint8Array): unknown {
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    throw new HttpError(400, 'invalid_body', 'The request body is not valid UTF-8');
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpError(400, 'invalid_body', 'The request body is not valid JSON');
  }
}

/** `maxBytes`: the largest body any route accepts. */
export function bodyGuard(maxBytes: number) {
  return new Elysia({ name: 'kino-body-guard' })
    .onRequest(({ request }) => {
      const declared = request.headers.get('content-length');
      if (declared !== null && Number(declared) > maxBytes) throw tooLarge(maxBytes);
    })
    .onParse({ as: 'global' }, async ({ request, contentType }) => {
      const bytes = await readBodyCapped(request, maxBytes);
      if (bytes.byteLength === 0) return '';
      if (!isJson(contentType ?? '')) {
        throw new HttpError(415, 'unsupported_media_type', 'The request body must be JSON', {
          contentType: contentType ?? null,
        });
      }
      return parseJson(bytes);
    });
}
