/**
 * The single place that shapes error responses: every failure is JSON
 * `{ error, code, details? }` with a fitting status, never Elysia's default text.
 * A dependency outage (database, Redis, the cinema, SMTP) is a 503 with `Retry-After`;
 * a route parameter that cannot be an id is a 404, like an id that names nothing.
 */
import { Elysia } from 'elysia';
import { unavailableFrom } from '../db/faults.ts';
import type { Dependency, DependencyUnavailableError } from '../faults/unavailable.ts';
import { errorField, type LogFields } from '../log/logger.ts';
import { HttpError, retryAfterSeconds } from './errors.ts';

const json = (
  status: number,
  body: { error: string; code: string; details?: unknown },
  retryAfter?: number,
) =>
  new Response(JSON.stringify(body), {
    status,
    headers: {
      'content-type': 'application/json; charset=utf-8',
      ...(retryAfter === undefined ? {} : { 'retry-after': String(retryAfter) }),
    },
  });

const OUTAGE: Record<Dependency, { code: string; what: string }> = {
  database: { code: 'database_unavailable', what: 'The database' },
  'live-store': { code: 'live_store_unavailable', what: 'The live room store' },
  directory: { code: 'cinema_unavailable', what: "The cinema's user service" },
  mail: { code: 'mail_unavailable', what: 'The mail server' },
};

function outage(error: DependencyUnavailableError): Response {
  const { code, what } = OUTAGE[error.dependency];
  const seconds = retryAfterSeconds(error.retryAfterMs);
  return json(
    503,
    {
      error: `${what} is unreachable or too slow right now; try again in ${seconds} s`,
      code,
      details: { dependency: error.dependency, retryAfterSeconds: seconds },
    },
    seconds,
  );
}

interface ValidationLike {
  all?: unknown;
  type?: string;
}

function validationDetails(error: ValidationLike): unknown {
  if (!Array.isArray(error.all)) return undefined;
  return error.all.slice(0, 20).map((e: { path?: string; message?: string; summary?: string }) => ({
    path: e.path,
    message: e.summary ?? e.message,
  }));
}

/** The HttpError itself, or the one Elysia wrapped (a parse hook's error becomes its `cause`). */
function httpErrorIn(error: unknown): HttpError | undefined {
  if (error instanceof HttpError) return error;
  const cause = (error as { cause?: unknown } | null)?.cause;
  return cause instanceof HttpError ? cause : undefined;
}

export function errorHandler(log: (message: string, fields?: LogFields) => void) {
  return new Elysia({ name: 'kino-error-handler' }).onError(
    { as: 'global' },
    ({ code, error, request }) => {
      const expected = httpErrorIn(error);
      if (expected) {
        return json(
          expected.status,
          { error: expected.message, code: expected.code, details: expected.details },
          expected.retryAfterSeconds,
        );
      }
      const unavailable = unavailableFrom(error);
      if (unavailable) return outage(unavailable);
      switch (code) {
        case 'VALIDATION': {
          const where = (error as ValidationLike).type ?? 'body';
          // An id with a NUL, a slash, bad percent-encoding or 10 KB of text names nothing.
          if (where === 'params') return json(404, { error: 'Not found', code: 'not_found' });
          const what = where === 'body' ? 'body' : `${where} parameters`;
          return json(where === 'body' ? 422 : 400, {
            error: `The request ${what} is not valid`,
            code: where === 'body' ? 'invalid_body' : `invalid_${where}`,
            details: validationDetails(error as ValidationLike),
          });
        }
        case 'PARSE':
          return json(400, { error: 'The request body is not valid JSON', code: 'invalid_body' });
        case 'NOT_FOUND':
          return json(404, { error: 'No such route', code: 'not_found' });
        default:
          log('unhandled error', {
            code: 'internal',
            method: request.method,
            // The path only: a query string may carry a token (old invite links did).
            path: new URL(request.url).pathname,
            error: errorField(error),
          });
          return json(500, { error: 'Internal server error', code: 'internal' });
      }
    },
  );
}
