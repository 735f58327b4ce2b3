/**
 * The single place that shapes error responses: every failure is JSON
 * `{ error, code, details? }` with a fitting status, never Elysia's default text.
 */
import { Elysia } from 'elysia';
import { HttpError } from './errors.ts';

const json = (status: number, body: { error: string; code: string; details?: unknown }) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8' },
  });

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

export function errorHandler(log: (message: string) => void) {
  return new Elysia({ name: 'kino-error-handler' }).onError({ as: 'global' }, ({ code, error }) => {
    if (error instanceof HttpError) {
      return json(error.status, { error: error.message, code: error.code, details: error.details });
    }
    switch (code) {
      case 'VALIDATION': {
        const where = (error as ValidationLike).type ?? 'body';
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
        log(
          `unhandled error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
        );
        return json(500, { error: 'Internal server error', code: 'internal' });
    }
  });
}
