/**
 * The one typed map of messages content scripts and the popup send to the
 * background. Each request type names its response type.
 */

import type { PersonRef, RoomView as RoomInfo } from '@kino/shared/http/rooms';
import type { KnockStatusReply } from '@kino/shared/protocol';
import type { Histogram, WindowPage, WindowQuery } from '@kino/shared/reactions';
import type { FilmRef, SiteSession } from '../adapters/types';
import type { CreateRoomBody } from '../api/backend-client';
import type { ApiResult } from '../api/result';

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

/** Where the overlay stands in the tab the popup was opened on, once the site is enabled. */
export type OverlayInjection = 'injected' | 'running' | 'elsewhere';

export type SiteEnableResult =
  | { ok: true; overlay: OverlayInjection }
  | { ok: false; reason: 'denied' | 'timeout' | 'failed'; error?: string };

export type SiteDisableResult = { ok: true } | { ok: false; error: string };

export interface BackgroundRequests {
  matches: { request: { token: string; film: FilmRef }; response: ApiResult<PersonRef[]> };
  'create-room': {
    request: { token: string; body: CreateRoomBody };
    response: ApiResult<RoomInfo>;
  };
  'get-room': { request: { token: string; roomId: string }; response: ApiResult<RoomInfo> };
  'close-room': { request: { token: string; roomId: string }; response: ApiResult<true> };
  'reschedule-room': {
    request: { token: string; roomId: string; startsAt: string };
    response: ApiResult<RoomInfo>;
  };
  'cancel-screening': { request: { token: string; roomId: string }; response: ApiResult<RoomInfo> };
  /** Knock to join (`ask`: POST) or read the answer so far (GET). */
  knock: {
    request: { token: string; roomId: string; ask: boolean };
    response: ApiResult<KnockStatusReply>;
  };
  /** The room's reaction timeline (features/reaction-timeline.ts). */
  'reaction-histogram': {
    request: { token: string; roomId: string; duration: number };
    response: ApiResult<Histogram>;
  };
  'reaction-window': {
    request: { token: string; roomId: string; query: WindowQuery };
    response: ApiResult<WindowPage>;
  };
  /** The cinema session, fetched by the background (generic adapter, popup). */
  'cinema-session': { request: Record<never, never>; response: SiteSession | null };
  /** The backend's join page hands its film page over (background/join-open.ts). */
  'join:open': { request: { url: string }; response: { ok: boolean } };
  'current-room:set': { request: { room: CurrentRoom | null }; response: true };
  'current-room:get': { request: Record<never, never>; response: CurrentRoom | null };
  /**
   * "Enable on this site" (popup only): once the host permission is granted — now, or when the
   * user answers the browser's prompt — run the overlay on that origin from now on and in the
   * tab without a reload (background/site-access.ts).
   */
  'site:enable': { request: { origin: string; tabId: number }; response: SiteEnableResult };
  /** The user refused the browser's prompt. */
  'site:enable-cancel': { request: { origin: string }; response: true };
  /** "Disable on this site": off in its open tabs and for future visits, access given back. */
  'site:disable': { request: { origin: string }; response: SiteDisableResult };
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
  'reschedule-room',
  'cancel-screening',
  'knock',
  'reaction-histogram',
  'reaction-window',
  'cinema-session',
  'join:open',
  'current-room:set',
  'current-room:get',
  'site:enable',
  'site:enable-cancel',
  'site:disable',
];

/** Requests only our own pages (the popup) may make, never a content script. */
export const EXTENSION_PAGE_ONLY: readonly RequestType[] = [
  'site:enable',
  'site:enable-cancel',
  'site:disable',
];

/** Whether `value` is one of our requests (other extensions' messages are ignored). */
export function isRequest(value: unknown): value is AnyRequest {
  if (typeof value !== 'object' || value === null) return false;
  const type = (value as { type?: unknown }).type;
  return typeof type === 'string' && (TYPES as readonly string[]).includes(type);
}
