import type { PlaybackCommand } from '../protocol/client-messages.ts';
import type { PlaybackState } from '../types.ts';

/**
 * Turns the user's own actions on the <video> (events the EchoGuard did not swallow) into
 * protocol commands. Pure: the caller passes the time and schedules the seek flush.
 *
 * - Scrubbing fires a burst of seeking/seeked events; only the last position is sent, once
 *   the burst has been quiet for `seekQuietMs`.
 * - Commands carry the seq they are based on. After sending one, the next (before the
 *   broadcast arrives) is based on seq + 1, i.e. on our own change being accepted, so a
 *   quick pause-then-play by one user is not refused as stale; if someone else got in
 *   first, the server refuses it as stale, as it should.
 */

export type LocalVideoEvent = {
  kind: 'play' | 'pause' | 'seeking' | 'seeked';
  /** The video's currentTime (s) when the event fired. */
  position: number;
};

export interface CommandConfig {
  seekQuietMs: number;
}

export const DEFAULT_COMMAND_CONFIG: CommandConfig = { seekQuietMs: 300 };

export interface CommandState {
  readonly pendingSeek: { position: number; lastAt: number } | null;
  /** Our last command not yet answered by a playback update. */
  readonly inFlight: { baseSeq: number; playing: boolean } | null;
}

/** Also the state to return to after a reconnect: nothing pending survives it. */
export const initialCommandState: CommandState = { pendingSeek: null, inFlight: null };

export interface CommandContext {
  /** The room's playback as last received. */
  playback: PlaybackState;
  canControl: boolean;
}

export type CommandAction =
  | { kind: 'send'; command: PlaybackCommand }
  /** The user may not control: put the video back to the room's state. */
  | { kind: 'revert' }
  | { kind: 'none' };

export interface CommandStep {
  state: CommandState;
  action: CommandAction;
}

const NONE: CommandAction = { kind: 'none' };

/** What the room will be once our in-flight command is applied. */
function assumed(state: CommandState, playback: PlaybackState) {
  if (state.inFlight && state.inFlight.baseSeq >= playback.seq) {
    return { seq: state.inFlight.baseSeq + 1, playing: state.inFlight.playing };
  }
  return { seq: playback.seq, playing: playback.playing };
}

function send(
  state: CommandState,
  ctx: CommandContext,
  type: PlaybackCommand['type'],
  position: number,
): CommandStep {
  const room = assumed(state, ctx.playback);
  const playing = type === 'seek' ? room.playing : type === 'play';
  return {
    state: { pendingSeek: null, inFlight: { baseSeq: room.seq, playing } },
    action: { kind: 'send', command: { type, baseSeq: room.seq, position: Math.max(0, position) } },
  };
}

export function onLocalVideoEvent(
  state: CommandState,
  event: LocalVideoEvent,
  ctx: CommandContext,
  now: number,
): CommandStep {
  if (event.kind === 'seeking' || event.kind === 'seeked') {
    // Even without control, wait for the scrub to end before reverting, or we fight the user.
    return {
      state: { ...state, pendingSeek: { position: event.position, lastAt: now } },
      action: NONE,
    };
  }
  if (!ctx.canControl)
    return { state: { ...state, pendingSeek: null }, action: { kind: 'revert' } };
  const wantsPlaying = event.kind === 'play';
  if (assumed(state, ctx.playback).playing === wantsPlaying) {
    // Already so in the room (the player paused or resumed itself); a scrub still counts.
    return state.pendingSeek ? send(state, ctx, 'seek', event.position) : { state, action: NONE };
  }
  // play/pause carries the position, so it also settles a pending scrub.
  return send(state, ctx, event.kind, event.position);
}

/** When the pending seek should be flushed (local ms), or null when none is pending. */
export function seekFlushDueAt(
  state: CommandState,
  config: CommandConfig = DEFAULT_COMMAND_CONFIG,
): number | null {
  return state.pendingSeek ? state.pendingSeek.lastAt + config.seekQuietMs : null;
}

/** Sends the scrub's final position once it has been quiet long enough. */
export function flushSeek(
  state: CommandState,
  ctx: CommandContext,
  now: number,
  config: CommandConfig = DEFAULT_COMMAND_CONFIG,
): CommandStep {
  const due = seekFlushDueAt(state, config);
  if (due === null || now < due || !state.pendingSeek) return { state, action: NONE };
  if (!ctx.canControl)
    return { state: { ...state, pendingSeek: null }, action: { kind: 'revert' } };
  return send(state, ctx, 'seek', state.pendingSeek.position);
}

/** A playback update (broadcast, or the state after `stale`) answers our in-flight command. */
export function onRoomPlayback(state: CommandState, playback: PlaybackState): CommandState {
  if (state.inFlight && playback.seq > state.inFlight.baseSeq) return { ...state, inFlight: null };
  return state;
}
