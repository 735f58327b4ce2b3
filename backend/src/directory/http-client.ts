/**
 * HTTP client of the cinema's service API. A cinema that is down or slow
 * becomes a 503, one that answers garbage a 502 — never a crash.
 */
import { type Static, type TSchema, Type as t } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { HttpError } from '../http/errors.ts';
import type { Directory } from './types.ts';

const UserSchema = t.Object({
  id: t.String(),
  name: t.String(),
  email: t.String(),
  locale: t.String(),
});
const FriendSchema = t.Object({ id: t.String(), name: t.String(), email: t.String() });
const FriendsSchema = t.Object({ friends: t.Array(FriendSchema) });
const FilmSchema = t.Object({
  id: t.String(),
  title: t.String(),
  url: t.String(),
  durationSec: t.Number(),
});

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
      const reason =
        error instanceof Error && error.name === 'TimeoutError' ? 'timed out' : 'is unreachable';
      throw new HttpError(503, 'cinema_unavailable', `The cinema's user service ${reason}`);
    }
    if (response.status === 404) return null;
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
