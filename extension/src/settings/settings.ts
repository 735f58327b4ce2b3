/**
 * User settings, stored with a version so that a later shape can migrate the old one.
 * Everything here is pure; `settings-store.ts` does the storage I/O.
 */
import { isRecord } from '@kino/shared/is-record';
import { WS_ROOM_PARAM } from '@kino/shared/ws-route';
import { BUILD } from '../build-info';

export const SETTINGS_VERSION = 1;

export interface Settings {
  version: typeof SETTINGS_VERSION;
  /** Base URL of the Kino Vmeste backend (HTTP API and WebSocket). */
  backendUrl: string;
  /** Origin of the cinema the demo-cinema adapter matches. */
  cinemaOrigin: string;
  /** Origins the user enabled the generic adapter on from the popup. */
  enabledOrigins: string[];
}

/** The build's deployment (build-config.ts): the localhost stack in dev builds. */
export const DEFAULT_SETTINGS: Settings = {
  version: SETTINGS_VERSION,
  backendUrl: BUILD.backendUrl,
  cinemaOrigin: BUILD.cinemaOrigins[0]!,
  enabledOrigins: [],
};

/** The cinema origins the cinema adapter serves: the one in the settings and the build's. */
export function cinemaOriginsOf(settings: Settings): string[] {
  return [...new Set([settings.cinemaOrigin, ...BUILD.cinemaOrigins])];
}

/** An http(s) URL without a trailing slash, or null when `value` is not one. */
export function normalizeBaseUrl(value: string): string | null {
  try {
    const url = new URL(value.trim());
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
  } catch {
    return null;
  }
}

function urlOr(value: unknown, fallback: string): string {
  return typeof value === 'string' ? (normalizeBaseUrl(value) ?? fallback) : fallback;
}

/**
 * Turns whatever is in storage (nothing, an old version, a damaged value) into
 * current settings. Version 0 (before versioning) stored `{ backend }` only.
 */
export function migrateSettings(stored: unknown): Settings {
  if (!isRecord(stored)) return { ...DEFAULT_SETTINGS };
  const backend = stored.version === undefined ? stored.backend : stored.backendUrl;
  const origins = Array.isArray(stored.enabledOrigins)
    ? stored.enabledOrigins.filter((o): o is string => typeof o === 'string')
    : [];
  return {
    version: SETTINGS_VERSION,
    backendUrl: urlOr(backend, DEFAULT_SETTINGS.backendUrl),
    cinemaOrigin: urlOr(stored.cinemaOrigin, DEFAULT_SETTINGS.cinemaOrigin),
    enabledOrigins: origins,
  };
}

/**
 * The WebSocket URL of the backend's `/ws` endpoint; with the room id as the balancer's routing
 * hint (@kino/shared/ws-route), so a room's members land on one instance.
 */
export function webSocketUrl(backendUrl: string, roomId?: string): string {
  const url = new URL(`${backendUrl}/ws`);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  if (roomId !== undefined) url.searchParams.set(WS_ROOM_PARAM, roomId);
  return url.toString();
}
