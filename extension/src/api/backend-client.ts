/**
 * HTTP client of the backend API. Runs in the background (which holds the host
 * permission, so no CORS is involved); the fetch function is injected for tests.
 */
import type { Histogram, WindowPage, WindowQuery } from '@kino/shared/reactions';
import { parseHistogram, parseWindowPage, windowQueryString } from './reaction-timeline';
import type { ApiResult } from './result';
import { type PersonRef, parseMatches, parseRoomInfo, type RoomInfo } from './room-info';

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export interface CreateRoomBody {
  filmId: string;
  invitees: string[];
  allowLinkJoin?: boolean;
}

export interface BackendClient {
  matches(token: string, filmId: string): Promise<ApiResult<PersonRef[]>>;
  createRoom(token: string, body: CreateRoomBody): Promise<ApiResult<RoomInfo>>;
  getRoom(token: string, roomId: string): Promise<ApiResult<RoomInfo>>;
  closeRoom(token: string, roomId: string): Promise<ApiResult<true>>;
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

function errorFrom(body: unknown, response: Response): ApiResult<never> {
  const { status } = response;
  const record = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const retryAfter = retryAfterSeconds(response.headers.get('retry-after'));
  return {
    ok: false,
    error: {
      code: typeof record.code === 'string' ? record.code : `http_${status}`,
      message: typeof record.error === 'string' ? record.error : `HTTP ${status}`,
      status,
      ...(retryAfter === undefined ? {} : { retryAfterSeconds: retryAfter }),
      ...(record.details === undefined ? {} : { details: record.details }),
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
    matches: (token, filmId) =>
      call('GET', `/api/films/${enc(filmId)}/matches`, token, parseMatches),
    createRoom: (token, body) => call('POST', '/api/rooms', token, parseRoomInfo, body),
    getRoom: (token, roomId) => call('GET', `/api/rooms/${enc(roomId)}`, token, parseRoomInfo),
    closeRoom: (token, roomId) =>
      call('POST', `/api/rooms/${enc(roomId)}/close`, token, () => true as const, {}),
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
