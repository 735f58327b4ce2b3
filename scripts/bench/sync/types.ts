import type { RoomBroadcast } from './hops.ts';
import type { BrowserName, RunLabel } from './runs.ts';

/**
 * What the in-page probe records, all stamped with one clock: the page's
 * `performance.timeOrigin + performance.now()` (ms since the epoch, sub-ms), which
 * every browser process on this machine derives from the same wall clock.
 */

/** The video's state read at one instant. */
export interface PositionSample {
  /** Wall-clock ms. */
  t: number;
  /** `video.currentTime` (s). */
  pos: number;
  paused: boolean;
  seeking: boolean;
  rate: number;
  /** `video.readyState`: below 3 (HAVE_FUTURE_DATA) the extension treats the video as busy. */
  ready: number;
  /** The player shows its pre-roll ad (`data-phase="ad"`), not the film (absent: film). */
  ad?: boolean;
}

export type VideoEventType = 'play' | 'pause' | 'seeking' | 'seeked' | 'waiting' | 'playing';

/** A media event on the video, as the page saw it. */
export interface VideoEvent {
  t: number;
  type: VideoEventType;
  /** `video.currentTime` (s) when the event fired. */
  pos: number;
}

export type ActionType = 'play' | 'pause' | 'seek';

/** A user action a member performed on their video. */
export interface MemberAction {
  member: number;
  t: number;
  type: ActionType;
  /** Seek target, or the position where play/pause happened (s). */
  pos: number;
  /** Seeks: whether the target was in the acting video's buffered ranges before the seek. */
  buffered?: boolean;
}

/** A member reloaded its film page (into the pre-roll ad) at `reloadAt` (wall-clock ms). */
export interface AdBreakRecord {
  member: number;
  reloadAt: number;
}

/** Everything one member's page recorded. */
export interface MemberTrace {
  member: number;
  name: string;
  /** Which browser played it (absent in older recordings: Chromium). */
  browser?: BrowserName;
  samples: PositionSample[];
  events: VideoEvent[];
}

/** Everything one run recorded, for analysis. */
export interface RunRecording {
  label: RunLabel;
  /** How the run is named in the report (runs.ts). */
  title?: string;
  latency: { meanMs: number; jitterMs: number } | null;
  /** Wall-clock ms of the first action and of the end of the run. */
  from: number;
  to: number;
  traces: MemberTrace[];
  actions: MemberAction[];
  /** Each page's clock minus the driver's (ms), a check that one clock is shared. */
  clockSkewMs: number[];
  /** The machine's 1-minute load average when measuring started and ended. */
  loadAverage: [number, number];
  /** Reloads into the pre-roll ad (runs.ts `adBreaks`); absent or empty in most runs. */
  adBreaks?: AdBreakRecord[];
  /** Playback broadcasts a passive observer on loopback received (absent in older ones). */
  broadcasts?: RoomBroadcast[];
}
