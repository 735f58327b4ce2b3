import type { PlaybackCommand } from '../protocol/client-messages.ts';
import type { PlaybackState } from '../types.ts';

/**
 * Turns the user's own actions on the <video> (events the EchoGuard did not swallow) into
 * protocol commands. Pure: the caller passes the time and schedules the seek flush.
 *
 * - A seek is sent at its first `seeking`, at once: waiting for the scrub to go quiet cost
 *   every seek that wait plus the seek itself before anyone else saw it. Only seek events
 *   that follow within `seekQuietMs` (a scrub in progress) are coalesced, and the scrub's
 *   last position is sent once it has been quiet that long.
 * - Every command carries `at`, the server time when the user acted (from the clock
 *   offset), and the position the user saw at that moment, so the room starts exactly
 *   where the actor is instead of where it was when the message arrived.
 * - While the room plays, the seeker's video stalls for its seek latency before moving on
 *   from the target, so a seek anchors the target that much earlier (`seekLeadSec`): the
 *   room and the seeker then meet when the seek is done.
 * - Commands carry the seq they are based on. After sending one, the next (before the
 *   broadcast arrives) is based on seq + 1, i.e. on our own change being accepted, so a
 *   quick pause-then-play by one user is not refused as stale; if someone else got in
 *   first, the server refuses it as stale, as it should.
 */

export type LocalVideoEvent = {
  kind: 'play' | 'pause' | 'seeking' | 'seeked';
  /** The video's currentTime (s) when the event fired. */
  position: number;
  /** For a seek: where the video was just before it (s), when known. */
  from?: number;
};

export interface CommandConfig {
  /** A seek event this soon (ms) after the previous one continues a scrub and is coalesced. */
  seekQuietMs: number;
  /** A `seeked` this close (s) to the seek already handled is that seek finishing. */
  seekMatchSec: number;
  /**
   * A lone seek this short (s) is the page's player nudging itself (hls.js steps over a gap in
   * the stream while it waits), not a user's: players' own seek keys jump 5–10 s.
   */
  nudgeSec: number;
}

export const DEFAULT_COMMAND_CONFIG: CommandConfig = {
  seekQuietMs: 150,
  seekMatchSec: 0.05,
  nudgeSec: 0.5,
};

interface SeekEvent {
  /** The video's position (s) the seek went to. */
  position: number;
  /** Local time (ms) of the event. */
  lastAt: number;
  /** Server time (ms) of the event, when known: the command's `at`. */
  serverAt?: number;
}

export interface CommandState {
  /** A scrub's latest position, not sent yet (sent when quiet, or settled by play/pause). */
  readonly pendingSeek: SeekEvent | null;
  /** The latest seek event seen, sent or pending: tells a scrub and a seek's end apart. */
  readonly lastSeek: SeekEvent | null;
  /** Our last command not yet answered by a playback update. */
  readonly inFlight: { baseSeq: number; playing: boolean } | null;
}

/** Also the state to return to after a reconnect: nothing pending survives it. */
export const initialCommandState: CommandState = {
  pendingSeek: null,
  lastSeek: null,
  inFlight: null,
};

export interface CommandContext {
  /** The room's playback as last received. */
  playback: PlaybackState;
  canControl: boolean;
  /**
   * Server time (ms) now, by the clock offset; becomes the command's `at`. Leave it out
   * while the offset is unknown: the server then uses its receive time.
   */
  serverNow?: number;
  /** This player's seek latency (s), from SeekLatencyEstimator; 0 when unknown. */
  seekLeadSec?: number;
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
  at: number | undefined,
): CommandStep {
  const room = assumed(state, ctx.playback);
  const playing = type === 'seek' ? room.playing : type === 'play';
  // A seek while playing stalls our video at the target for the seek latency (see above).
  const lead = type === 'seek' && playing ? (ctx.seekLeadSec ?? 0) * ctx.playback.rate : 0;
  const command: PlaybackCommand = {
    type,
    baseSeq: room.seq,
    position: Math.max(0, position - lead),
  };
  if (at !== undefined && Number.isFinite(at)) command.at = Math.max(0, at);
  return {
    state: { ...state, pendingSeek: null, inFlight: { baseSeq: room.seq, playing } },
    action: { kind: 'send', command },
  };
}

function onSeekEvent(
  state: CommandState,
  event: LocalVideoEvent,
  ctx: CommandContext,
  now: number,
  config: CommandConfig,
): CommandStep {
  const last = state.lastSeek;
  const seek: SeekEvent = { position: event.position, lastAt: now, serverAt: ctx.serverNow };
  if (
    event.kind === 'seeked' &&
    last &&
    Math.abs(last.position - event.position) <= config.seekMatchSec
  ) {
    // The end of the seek we already sent (or queued): nothing new to say.
    return { state, action: NONE };
  }
  const scrubbing = last !== null && now - last.lastAt < config.seekQuietMs;
  const nudge =
    event.from !== undefined && Math.abs(event.position - event.from) <= config.nudgeSec;
  if (nudge && !scrubbing && !state.pendingSeek) {
    // Nothing to tell the room: the correction keeps this video with it as after any stall.
    return { state: { ...state, lastSeek: seek }, action: NONE };
  }
  if (scrubbing || !ctx.canControl) {
    // Even without control, wait for the scrub to end before reverting, or we fight the user.
    return { state: { ...state, pendingSeek: seek, lastSeek: seek }, action: NONE };
  }
  const step = send(state, ctx, 'seek', event.position, ctx.serverNow);
  return { state: { ...step.state, lastSeek: seek }, action: step.action };
}

export function onLocalVideoEvent(
  state: CommandState,
  event: LocalVideoEvent,
  ctx: CommandContext,
  now: number,
  config: CommandConfig = DEFAULT_COMMAND_CONFIG,
): CommandStep {
  if (event.kind === 'seeking' || event.kind === 'seeked') {
    return onSeekEvent(state, event, ctx, now, config);
  }
  if (!ctx.canControl)
    return { state: { ...state, pendingSeek: null }, action: { kind: 'revert' } };
  const wantsPlaying = event.kind === 'play';
  if (assumed(state, ctx.playback).playing === wantsPlaying) {
    // Already so in the room (the player paused or resumed itself); a scrub still counts.
    return state.pendingSeek
      ? send(state, ctx, 'seek', event.position, ctx.serverNow)
      : { state, action: NONE };
  }
  // play/pause carries the position, so it also settles a pending scrub.
  return send(state, ctx, event.kind, event.position, ctx.serverNow);
}

/** When the pending seek should be flushed (local ms), or null when none is pending. */
export function seekFlushDueAt(
  state: CommandState,
  config: CommandConfig = DEFAULT_COMMAND_CONFIG,
): number | null {
  return state.pendingSeek ? state.pendingSeek.lastAt + config.seekQuietMs : null;
}

/**
 * Sends the scrub's final position once it has been quiet long enough, anchored at the
 * moment the user left it there (its `at`), so the time since then is not lost.
 */
export function flushSeek(
  state: CommandState,
  ctx: CommandContext,
  now: number,
  config: CommandConfig = DEFAULT_COMMAND_CONFIG,
): CommandStep {
  const due = seekFlushDueAt(state, config);
  const pending = state.pendingSeek;
  if (due === null || now < due || !pending) return { state, action: NONE };
  if (!ctx.canControl)
    return { state: { ...state, pendingSeek: null }, action: { kind: 'revert' } };
  return send(state, ctx, 'seek', pending.position, pending.serverAt);
}

/** A playback update (broadcast, or the state after `stale`) answers our in-flight command. */
export function onRoomPlayback(state: CommandState, playback: PlaybackState): CommandState {
  if (state.inFlight && playback.seq > state.inFlight.baseSeq) return { ...state, inFlight: null };
  return state;
}
