/**
 * What the room layer shows and can do, handed from the room feature to the UI.
 * Signals, so each part re-renders on its own; the components stay free of I/O.
 */
import type { Reaction } from '@kino/shared/protocol';
import type { RoomSettings } from '@kino/shared/types';
import type { ReadonlySignal, Signal } from '@preact/signals';
import type { TimelineModel } from '../features/reaction-timeline-wiring';
import type { RoomView } from '../room/room-state';
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
  collapsed: Signal<boolean>;
  width: Signal<number>;
  /** The page's scrollbar width: the docked sidebar sits just left of it. */
  edge: Signal<number>;
  fullscreen: ReadonlySignal<FullscreenMode>;
  actions: SidebarActions;
  /** The reaction timeline (heat strip, peaks, replay); absent in tests that need none. */
  timeline?: TimelineModel;
}
