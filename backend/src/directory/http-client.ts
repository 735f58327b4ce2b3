/**
 * HTTP client of the cinema's service API. A cinema that is down, slow or answering
 * 502/503/504 is a DependencyUnavailableError (503 + Retry-After); one that answers
 * garbage is a 502 — never a crash.
 */
import { type Static, type TSchema, Type as t } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { DependencyUnavailableError } from '../faults/unavailable.ts';
import { HttpError } from '../http/errors.ts';
import type { Directory } from './types.ts';

// Optional and bounded: a zone is only ever passed to Intl, which refuses unknown ones.
const TimeZone = t.Optional(t.String({ maxLength: 64 }));
const UserSchema = t.Object({
  id: t.String(),
  name: t.String(),
  email: t.String(),
  locale: t.String(),
  timeZone: TimeZone,
});
const FriendSchema = t.Object({
  id: t.String(),
  name: t.String(),
  email: t.String(),
  locale: t.Optional(t.String({ maxLength: 35 })),
  timeZone: TimeZone,
});
const FriendsSchema = t.Object({ friends: t.Array(FriendSchema) });
const FilmSchema = t.Object({
  id: t.String(),
  title: t.String(),
  url: t.String(),
  durationSec: t.Number(),
});

/** How soon to try the cinema again after it failed us. */
export const DIRECTORY_RETRY_AFTER_MS = 3_000;
const OUTAGE_STATUSES = new Set([502, 503, 504]);

export interface HttpDirectoryOptions {
  baseUrl: string;
  serviceKey: string;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

export function createHttpDirectory(options: HttpDirectoryOptions): Directory {
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 3000;

  /** GET a path; null on 404; the body checked against `schema`. */
  async function get<S extends TSchema>(path: string, schema: S): Promise<Static<S> | null> {
    let response: Response;
    try {
      response = await doFetch(`${options.baseUrl}${path}`, {
        headers: { authorization: `Bearer ${options.serviceKey}`, accept: 'application/json' },
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      throw new DependencyUnavailableError('directory', DIRECTORY_RETRY_AFTER_MS, { cause: error });
    }
    if (response.status === 404) return null;
    if (OUTAGE_STATUSES.has(response.status)) {
      await response.body?.cancel().catch(() => {});
      throw new DependencyUnavailableError('directory', DIRECTORY_RETRY_AFTER_MS, {
        cause: new Error(`the cinema answered ${response.status}`),
      });
    }
    if (!response.ok) {
      throw new HttpError(
        502,
        'cinema_bad_response',
        `The cinema's user service answered ${response.status}`,
      );
    }
    const body: unknown = await response.json().catch(() => undefined);
    if (!Value.Check(schema, body)) {
      throw new HttpError(
        502,
        'cinema_bad_response',
        `The cinema's user service answered an unexpected body for ${path}`,
      );
    }
    return body;
  }

  const id = encodeURIComponent;
  return {
    getUser: (userId) => get(`/api/service/users/${id(userId)}`, UserSchema),
    async getFriends(userId, opts) {
      const query = opts?.wantsFilm ? `?wantsFilm=${id(opts.wantsFilm)}` : '';
      const body = await get(`/api/service/users/${id(userId)}/friends${query}`, FriendsSchema);
      return body?.friends ?? [];
    },
    getFilm: (filmId) => get(`/api/service/films/${id(filmId)}`, FilmSchema),
  };
}
