/**
 * What the content script's features share: the page's adapter and settings, and
 * the room this tab is in (null when none). Created per page, never a module global.
 */

import type { RoomView as RoomInfo } from '@kino/shared/http/rooms';
import { type Signal, signal } from '@preact/signals';
import type { SiteAdapter, SiteSession } from '../adapters/types';
import type { InviteTarget } from '../invite/invite-hash';
import type { Settings } from '../settings/settings';
import type { RoomScreenKind } from '../ui/room-screen';

export interface RoomRequest extends InviteTarget {
  /** Known when we created the room (or fetched it); shown before `welcome`. */
  info: RoomInfo | null;
  /** Start playback once joined (the creator pressed Start). */
  autoplay: boolean;
}

export interface OverlayState {
  adapter: SiteAdapter;
  settings: Settings;
  session: Signal<SiteSession | null>;
  room: Signal<RoomRequest | null>;
  sidebarCollapsed: Signal<boolean>;
  /** What the room sidebar shows now (null while in no room). */
  roomScreen: Signal<RoomScreenKind | null>;
  /** Bumped to open the Watch together panel ("Start a new room" after a room ended). */
  startRequests: Signal<number>;
}

export function createOverlayState(adapter: SiteAdapter, settings: Settings): OverlayState {
  return {
    adapter,
    settings,
    session: signal(null),
    room: signal(null),
    sidebarCollapsed: signal(false),
    roomScreen: signal(null),
    startRequests: signal(0),
  };
}
