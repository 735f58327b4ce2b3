/**
 * The one typed map of messages content scripts and the popup send to the
 * background. Each request type names its response type.
 */

import type { SiteSession } from '../adapters/types';
import type { CreateRoomBody } from '../api/backend-client';
import type { ApiResult } from '../api/result';
import type { PersonRef, RoomInfo } from '../api/room-info';

/** What the popup shows about the room a tab is in (kept in storage.session). */
export interface CurrentRoom {
  tabId?: number;
  roomId: string;
  filmTitle: string;
  filmUrl: string;
  joinUrl: string | null;
  you: { id: string; name: string } | null;
  /** Names of who is here now; empty once the room is not on. */
  people: string[];
  status: string;
  /** What the tab's sidebar shows (ui/room-screen.ts): live, closed, forbidden, … */
  screen: string;
}

export interface BackgroundRequests {
  matches: { request: { token: string; filmId: string }; response: ApiResult<PersonRef[]> };
  'create-room': {
    request: { token: string; body: CreateRoomBody };
    response: ApiResult<RoomInfo>;
  };
  'get-room': { request: { token: string; roomId: string }; response: ApiResult<RoomInfo> };
  'close-room': { request: { token: string; roomId: string }; response: ApiResult<true> };
  /** The cinema session, fetched by the background (generic adapter, popup). */
  'cinema-session': { request: Record<never, never>; response: SiteSession | null };
  'current-room:set': { request: { room: CurrentRoom | null }; response: true };
  'current-room:get': { request: Record<never, never>; response: CurrentRoom | null };
  /** After the popup got the host permission: run the overlay on that origin from now on. */
  'site:enable': { request: { origin: string }; response: { ok: boolean; error?: string } };
}

export type RequestType = keyof BackgroundRequests;
export type RequestOf<K extends RequestType> = { type: K } & BackgroundRequests[K]['request'];
export type ResponseOf<K extends RequestType> = BackgroundRequests[K]['response'];
export type AnyRequest = { [K in RequestType]: RequestOf<K> }[RequestType];

const TYPES: readonly RequestType[] = [
  'matches',
  'create-room',
  'get-room',
  'close-room',
  'cinema-session',
  'current-room:set',
  'current-room:get',
  'site:enable',
];

/** Whether `value` is one of our requests (other extensions' messages are ignored). */
export function isRequest(value: unknown): value is AnyRequest {
  if (typeof value !== 'object' || value === null) return false;
  const type = (value as { type?: unknown }).type;
  return typeof type === 'string' && (TYPES as readonly string[]).includes(type);
}
