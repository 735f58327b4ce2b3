/**
 * What the room layer shows and can do, handed from the room feature to the UI.
 * Signals, so each part re-renders on its own; the components stay free of I/O.
 */
import type { Reaction } from '@kino/shared/protocol';
import type { PlayerState } from '@kino/shared/protocol/player-state';
import type { RoomSettings } from '@kino/shared/types';
import type { ReadonlySignal, Signal } from '@preact/signals';
import type { TimelineModel } from '../features/reaction-timeline-wiring';
import type { RoomView } from '../room/room-state';
import type { KnockState } from './knock-state';
import type { RoomScreen } from './room-screen';

export interface VideoRect {
  top: number;
  left: number;
  width: number;
  height: number;
}

/** none: the page; ours: full screen with chat; other: the page's own full screen. */
export type FullscreenMode = 'none' | 'ours' | 'other';

/** What we know of the room beyond the live view (from the backend's room record). */
export interface RoomFacts {
  filmTitle: string | null;
  ownerName: string | null;
}

export interface SidebarActions {
  sendChat(text: string): void;
  sendReaction(emoji: Reaction): void;
  loadOlder(): void;
  changeSettings(change: Partial<RoomSettings>): void;
  copyInvite(): Promise<boolean>;
  /** Leaves the room (or the dead end) and takes the sidebar away. */
  leave(): void;
  closeRoom(): void;
  /** Tries the room again from the start (signed in now, server back…). */
  retry(): void;
  /** Leaves this room and opens the Watch together panel. */
  startNewRoom(): void;
  /** Must run inside the user's click: browsers allow full screen only on a gesture. */
  toggleFullscreen(): void;
  resize(width: number): void;
  resizeDone(): void;
  /** Scheduled screenings (ui/ScheduleCountdown.tsx): the server's clock now (ms). */
  serverNow(): number;
  /** Owner: start the film for everyone before the scheduled moment. */
  startNow(): void;
  /** Owner: move the start (RFC 3339); resolves with an error to show, or null when done. */
  reschedule(startsAt: string): Promise<string | null>;
  /** Owner: cancel the screening (the room closes); an error to show, or null. */
  cancelScreening(): Promise<string | null>;
  /** Not invited: ask the owner to let us in (features/knock-door.ts). */
  knock(): void;
  /** Owner: let a knocker in, or not. */
  answerKnock(userId: string, approve: boolean): void;
  /** Owner: take a member out of the room for good. */
  revoke(userId: string): void;
  /** Follows the next of the page's videos (where there are several). */
  switchVideo?(): void;
}

/** The sidebar's replay switch. */
export interface ReplayModel {
  on: boolean;
  set(on: boolean): void;
}

export interface RoomLayerModel {
  view: Signal<RoomView>;
  screen: ReadonlySignal<RoomScreen>;
  facts: Signal<RoomFacts>;
  videoRect: Signal<VideoRect | null>;
  /** Whether this tab's player follows the room (an ad, no video found). */
  player: ReadonlySignal<PlayerState>;
  /** How many videos on the page could be the film (a switch shows from two). */
  videoCount?: ReadonlySignal<number>;
  collapsed: Signal<boolean>;
  width: Signal<number>;
  /** The page's scrollbar width: the docked sidebar sits just left of it. */
  edge: Signal<number>;
  fullscreen: ReadonlySignal<FullscreenMode>;
  /** The knocker's request to join, while the room is not open to us. */
  knock: ReadonlySignal<KnockState>;
  actions: SidebarActions;
  /** The reaction timeline (heat strip, peaks, replay); absent in tests that need none. */
  timeline?: TimelineModel;
}
