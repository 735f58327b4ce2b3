/**
 * Drives the page's <video> with the shared sync core. Three paths:
 * - local play/pause/seek (by the user or by other code on the page) become room
 *   commands through the shared command helper, unless the echo guard recognises
 *   them as our own doing;
 * - every tick (and on every remote update) the room's expected position is compared
 *   with the video's and `decideCorrection` says: nothing, nudge the rate, seek,
 *   play or pause;
 * - a stall that lasts becomes a `buffering` report, and its end too.
 * All decisions are shared pure functions; this file only wires them to the element.
 */
import type { PlaybackCommand } from '@kino/shared/protocol';
import {
  type CommandState,
  type CommandStep,
  type Correction,
  DEFAULT_CORRECTION_CONFIG,
  DISTURBANCE_EVENTS,
  decideCorrection,
  EchoGuard,
  expectedPosition,
  flushSeek,
  type GuardedEvent,
  initialCommandState,
  onLocalVideoEvent,
  onRoomPlayback,
  SeekLanding,
  SeekLatencyEstimator,
  SettledError,
  seekFlushDueAt,
} from '@kino/shared/sync';
import type { PlaybackState } from '@kino/shared/types';
import { applyCorrection } from './apply-correction';
import { createPositionSampler } from './position-sampler';
import { createStallReporter } from './stall-report';

/** What the hook needs from the room connection (a fake in tests). */
/** How often the video is compared with the room's clock (also on every remote update). */
export const CORRECTION_TICK_MS = 100;
/** A stall shorter than this (a seek's own wait) is not reported as buffering. */
export const STALL_REPORT_MS = 700;

export interface PlayerRoom {
  playback(): PlaybackState | null;
  canControl(): boolean;
  serverNow(): number;
  /**
   * Whether the clock offset behind serverNow() is measured yet. Until it is, commands
   * carry no `at` (the server then uses its receive time). Absent: assumed measured.
   */
  clockReady?(): boolean;
  sendCommand(command: PlaybackCommand): void;
  setBuffering(stalled: boolean): void;
  /** Called after every playback state the server sends (welcome, updates). */
  onPlayback(listener: () => void): () => void;
}

/** The parts of HTMLVideoElement the hook uses. */
export type VideoLike = Pick<
  HTMLVideoElement,
  | 'currentTime'
  | 'paused'
  | 'playbackRate'
  | 'readyState'
  | 'seeking'
  | 'duration'
  | 'play'
  | 'pause'
  | 'addEventListener'
> &
  Partial<Pick<HTMLVideoElement, 'preservesPitch'>>;

export interface PlayerOptions {
  /** Start playing once joined (the creator pressed Start). */
  autoplay?: boolean;
  /** Correction period; remote updates are also applied at once, on arrival. */
  tickMs?: number;
  /** A stall shorter than this is not reported (every seek stalls briefly). */
  stallReportMs?: number;
  /** Longest wait (ms) for the room to answer a local command before correcting again. */
  holdMs?: number;
  now?: () => number;
}

export interface PlayerHandle {
  /** Runs one step now (also what the timer calls): flush a finished scrub, then correct. */
  tick(): Correction | null;
}

const HAVE_FUTURE_DATA = 3;
/**
 * The ~20 ms a nudge's start costs is Chromium's (its time-stretching starting); Firefox
 * stretches differently and its 40 ms currentTime steps hide any such loss: none assumed.
 */
const CORRECTION_CONFIG = import.meta.env?.FIREFOX
  ? { ...DEFAULT_CORRECTION_CONFIG, rateEntryLossSec: 0, rateExitGainSec: 0 }
  : DEFAULT_CORRECTION_CONFIG;

export function attachPlayer(
  video: VideoLike,
  room: PlayerRoom,
  options: PlayerOptions,
  signal: AbortSignal,
): PlayerHandle {
  const now = options.now ?? (() => performance.now());
  const holdMs = options.holdMs ?? 1500;
  const guard = new EchoGuard();
  const seekLatency = new SeekLatencyEstimator();
  const sampler = createPositionSampler(video, now);
  let commands: CommandState = initialCommandState;
  /** When our in-flight command was sent: the hold gives up after `holdMs`. */
  let sentAt = 0;
  let autoplayPending = options.autoplay === true;
  let flushTimer: ReturnType<typeof setTimeout> | null = null;
  const stalls = createStallReporter(
    video,
    (stalled) => room.setBuffering(stalled),
    options.stallReportMs ?? STALL_REPORT_MS,
  );
  /** When the video last started, seeked or stalled: the correction lands after that. */
  let disturbedAt = Number.NEGATIVE_INFINITY;
  /**
   * Our last seek while playing (how far ahead it aimed, for which room seq), to learn the
   * real seek latency from what is left once the video moves again.
   */
  const seekLanding = new SeekLanding();
  /** The error while playing at the room's rate, for the settled (fine) correction. */
  const settled = new SettledError();
  let settledSeq = -1;

  const snapshot = () => ({
    currentTime: video.currentTime,
    playbackRate: video.playbackRate,
    paused: video.paused,
  });
  const duration = () => (Number.isFinite(video.duration) ? video.duration : undefined);
  const context = (playback: PlaybackState) => ({
    playback,
    canControl: room.canControl(),
    serverNow: (room.clockReady?.() ?? true) ? room.serverNow() : undefined,
    seekLeadSec: seekLatency.estimateSec,
  });

  /** Applies a step of the shared command helper: send, or put the video back. */
  function run(step: CommandStep): void {
    commands = step.state;
    if (step.action.kind === 'send') {
      sentAt = now();
      const { command } = step.action;
      room.sendCommand(command);
      const playback = room.playback();
      if (command.type === 'seek' && playback?.playing) {
        // Our own seek was anchored earlier by the seek latency: learn from how it lands.
        seekLanding.start(seekLatency.estimateSec * playback.rate, command.baseSeq + 1);
      }
    } else if (step.action.kind === 'revert') {
      correct();
    }
    scheduleFlush();
  }

  function scheduleFlush(): void {
    if (flushTimer) clearTimeout(flushTimer);
    flushTimer = null;
    const due = seekFlushDueAt(commands);
    if (due === null) return;
    flushTimer = setTimeout(() => tick(), Math.max(0, due - now()) + 5);
  }

  function correct(): Correction | null {
    const playback = room.playback();
    if (!playback) return null;
    // The user is scrubbing, or our command is on its way: correcting towards the old
    // state meanwhile would yank the video back.
    if (commands.pendingSeek) return null;
    if (commands.inFlight && now() - sentAt < holdMs) return null;
    const expected = expectedPosition(playback, room.serverNow(), duration());
    const busy = video.seeking || video.readyState < HAVE_FUTURE_DATA;
    if (!playback.playing) seekLanding.cancel();
    else if (!busy && !video.paused) {
      const landed = seekLanding.observe({
        at: now(),
        seq: playback.seq,
        expected,
        position: video.currentTime,
        rate: video.playbackRate,
        roomRate: playback.rate,
      });
      if (landed) seekLatency.recordResidual(landed.compensationSec, landed.residualSec);
    }
    // Measured afresh after every new room state, start, seek, stall and nudge.
    const atRoomRate = Math.abs(video.playbackRate - playback.rate) < 1e-9;
    if (playback.seq !== settledSeq || !playback.playing || busy || video.paused || !atRoomRate) {
      settled.reset();
      settledSeq = playback.seq;
    }
    if (playback.playing && !busy && !video.paused && atRoomRate) {
      settled.add(now(), expected - video.currentTime);
    }
    const correction = decideCorrection({
      expected,
      actual: video.currentTime,
      settledErrorSec: settled.value(now()),
      playing: playback.playing,
      videoPlaying: !video.paused,
      videoBusy: busy,
      sinceDisturbanceSec: (now() - disturbedAt) / 1000,
      currentRate: video.playbackRate,
      roomRate: playback.rate,
      seekLatencySec: seekLatency.estimateSec,
      durationSec: duration(),
      config: CORRECTION_CONFIG,
    });
    const seekTo =
      correction.kind === 'seek'
        ? correction.to
        : correction.kind === 'play'
          ? correction.from
          : undefined;
    if (seekTo !== undefined && playback.playing)
      seekLanding.start(seekTo - expected, playback.seq);
    applyCorrection(video, guard, correction, now());
    return correction;
  }

  function tick(): Correction | null {
    sampler.take();
    const playback = room.playback();
    if (!playback) return null;
    if (autoplayPending) {
      autoplayPending = false;
      if (!playback.playing && room.canControl()) {
        run(
          onLocalVideoEvent(
            commands,
            { kind: 'play', position: video.currentTime },
            context(playback),
            now(),
          ),
        );
        return null;
      }
    }
    if (commands.pendingSeek) run(flushSeek(commands, context(playback), now()));
    return correct();
  }

  /** A video event: our own echo is swallowed, anything else goes to the command helper. */
  function onLocal(event: GuardedEvent & ('play' | 'pause' | 'seeking' | 'seeked')): void {
    const from = event === 'seeking' ? sampler.expected() : undefined;
    sampler.take();
    if (guard.consume(event, snapshot(), now())) return;
    const playback = room.playback();
    if (!playback) return;
    const local = { kind: event, position: video.currentTime, from };
    run(onLocalVideoEvent(commands, local, context(playback), now()));
  }

  const on = (type: string, listener: () => void) =>
    video.addEventListener(type, listener, { signal });
  on('play', () => onLocal('play'));
  on('pause', () => onLocal('pause'));
  on('seeking', () => onLocal('seeking'));
  on('seeked', () => onLocal('seeked'));
  on('ratechange', () => guard.consume('ratechange', snapshot(), now()));
  for (const type of DISTURBANCE_EVENTS) {
    on(type, () => {
      disturbedAt = now();
      settled.reset();
    });
  }
  for (const type of ['waiting', 'stalled']) on(type, stalls.onStall);
  for (const type of ['playing', 'canplay', 'seeked']) on(type, stalls.onReady);

  const stopListening = room.onPlayback(() => {
    const playback = room.playback();
    if (playback) commands = onRoomPlayback(commands, playback);
    tick();
  });
  const timer = setInterval(tick, options.tickMs ?? CORRECTION_TICK_MS);
  signal.addEventListener(
    'abort',
    () => {
      clearInterval(timer);
      if (flushTimer) clearTimeout(flushTimer);
      stopListening();
      stalls.stop();
    },
    { once: true },
  );
  return { tick };
}
