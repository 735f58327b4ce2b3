/**
 * HTTP client of the backend API. Runs in the background (which holds the host
 * permission, so no CORS is involved); the fetch function is injected for tests.
 */
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
}

function errorFrom(body: unknown, status: number): ApiResult<never> {
  const record = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  return {
    ok: false,
    error: {
      code: typeof record.code === 'string' ? record.code : `http_${status}`,
      message: typeof record.error === 'string' ? record.error : `HTTP ${status}`,
      status,
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
    if (!response.ok) return errorFrom(json, response.status);
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
  };
}
