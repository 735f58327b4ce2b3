/**
 * HTTP client of the backend API. Runs in the background (which holds the host
 * permission, so no CORS is involved); the fetch function is injected for tests.
 */
import { parseApiError, parseMatches, parseRoomView } from '@kino/shared/http/responses';
import type { CreateRoomInput, PersonRef, RoomView as RoomInfo } from '@kino/shared/http/rooms';
import { isKnockStatusReply, type KnockStatusReply } from '@kino/shared/protocol';
import type { Histogram, WindowPage, WindowQuery } from '@kino/shared/reactions';
import type { FilmRef } from '../adapters/types';
import { parseHistogram, parseWindowPage, windowQueryString } from './reaction-timeline';
import type { ApiResult } from './result';

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

/**
 * The create-room body as the extension sends it: the shared schema's fields, with exactly one
 * of `filmId` (a film the cinema knows) and `page` (any other page) as FilmRef says.
 */
export type CreateRoomBody = FilmRef & Omit<CreateRoomInput, 'filmId' | 'page'>;

export interface BackendClient {
  /** Whom to offer: friends who want the film, or all friends for a page. */
  matches(token: string, film: FilmRef): Promise<ApiResult<PersonRef[]>>;
  createRoom(token: string, body: CreateRoomBody): Promise<ApiResult<RoomInfo>>;
  getRoom(token: string, roomId: string): Promise<ApiResult<RoomInfo>>;
  closeRoom(token: string, roomId: string): Promise<ApiResult<true>>;
  /** Owner, before a scheduled start: move it (invitees get a calendar update). */
  reschedule(token: string, roomId: string, startsAt: string): Promise<ApiResult<RoomInfo>>;
  /** Owner, before a scheduled start: cancel it (the room closes; calendar cancel). */
  cancelScreening(token: string, roomId: string): Promise<ApiResult<RoomInfo>>;
  /** Knock to join (POST) or read the answer so far (GET). */
  knock(token: string, roomId: string, ask: boolean): Promise<ApiResult<KnockStatusReply>>;
  reactionHistogram(token: string, roomId: string, duration: number): Promise<ApiResult<Histogram>>;
  reactionWindow(token: string, roomId: string, query: WindowQuery): Promise<ApiResult<WindowPage>>;
}

/** `Retry-After` as seconds: a number of seconds or an HTTP date; undefined if absent or odd. */
export function retryAfterSeconds(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header.trim());
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}

function errorFrom(json: unknown, response: Response): ApiResult<never> {
  const { status } = response;
  const body = parseApiError(json);
  const retryAfter = retryAfterSeconds(response.headers.get('retry-after'));
  return {
    ok: false,
    error: {
      code: body?.code ?? `http_${status}`,
      message: body?.error ?? `HTTP ${status}`,
      status,
      ...(retryAfter === undefined ? {} : { retryAfterSeconds: retryAfter }),
      ...(body?.details === undefined ? {} : { details: body.details }),
    },
  };
}

export function createBackendClient(baseUrl: string, fetchFn: FetchLike = fetch): BackendClient {
  async function call<T>(
    method: string,
    path: string,
    token: string,
    parse: (body: unknown) => T | null,
    body?: unknown,
  ): Promise<ApiResult<T>> {
    let response: Response;
    try {
      response = await fetchFn(`${baseUrl}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (error) {
      return { ok: false, error: { code: 'network', message: String(error), status: 0 } };
    }
    const json: unknown = await response.json().catch(() => null);
    if (!response.ok) return errorFrom(json, response);
    const data = parse(json);
    if (data === null) {
      const message = `unexpected response from ${path}`;
      return { ok: false, error: { code: 'bad_response', message, status: response.status } };
    }
    return { ok: true, data };
  }

  const enc = encodeURIComponent;
  return {
    matches: (token, film) =>
      'filmId' in film
        ? call('GET', `/api/films/${enc(film.filmId)}/matches`, token, parseMatches)
        : call('GET', '/api/friends', token, parseMatches),
    createRoom: (token, body) => call('POST', '/api/rooms', token, parseRoomView, body),
    getRoom: (token, roomId) => call('GET', `/api/rooms/${enc(roomId)}`, token, parseRoomView),
    closeRoom: (token, roomId) =>
      call('POST', `/api/rooms/${enc(roomId)}/close`, token, () => true as const, {}),
    reschedule: (token, roomId, startsAt) =>
      call('POST', `/api/rooms/${enc(roomId)}/schedule`, token, parseRoomView, { startsAt }),
    cancelScreening: (token, roomId) =>
      call('POST', `/api/rooms/${enc(roomId)}/schedule/cancel`, token, parseRoomView, {}),
    knock: (token, roomId, ask) =>
      call(ask ? 'POST' : 'GET', `/api/rooms/${enc(roomId)}/knock`, token, (body) =>
        isKnockStatusReply(body) ? body : null,
      ),
    reactionHistogram: (token, roomId, duration) =>
      call(
        'GET',
        `/api/rooms/${enc(roomId)}/reactions/histogram?duration=${duration.toFixed(3)}`,
        token,
        parseHistogram,
      ),
    reactionWindow: (token, roomId, query) =>
      call(
        'GET',
        `/api/rooms/${enc(roomId)}/reactions?${windowQueryString(query)}`,
        token,
        parseWindowPage,
      ),
  };
}
