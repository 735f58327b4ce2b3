import { clampToFilm } from './playback-math.ts';

/**
 * What to do to a player to make it show the room's moment. Pure: the caller measures,
 * calls this on every tick (e.g. every 100 ms) and on every room update, and applies it.
 *
 * - A large error is fixed by seeking, ahead by the estimated seek latency.
 * - A small one by a bounded playbackRate nudge, chosen once (error / time constant) and
 *   held until the error is gone: every rate change costs the player some position
 *   (`switchLossSec`, rate-switch.ts), so a nudge is one switch in and one out, the
 *   switch out made that much early. It is changed only if it turns out far too weak or
 *   the phase's bound shrinks. Two phases:
 *   - landing: for `landingSec` after the player last started, seeked or stalled (the
 *     caller says when: `sinceDisturbanceSec`), the error the start left (seek latency
 *     misjudged, a start delay) is taken out fast: time constant `landingConvergeSec`, at
 *     most ±`landingRateDelta`. Sound is restarting then anyway.
 *   - steady: afterwards at most ±`maxRateDelta` (3 %, pitch kept: inaudible), time
 *     constant `convergeSec`. A rate beyond that bound left from landing is brought back
 *     inside it on the first steady tick.
 * - A paused player joining a playing room is started where the room will be once it
 *   moves: when it is off, it seeks (ahead by the seek latency) and plays in the same step,
 *   rather than playing from where it stands, which starts it behind by the delivery delay.
 * - Hysteresis: a nudge starts when the error leaves the dead band and stops (back to the
 *   room's rate) only once the error in its direction is below `releaseSec`.
 */

export interface CorrectionConfig {
  /** No nudge starts while |error| is below this (s). */
  deadBandSec: number;
  /** A running nudge stops once the error left in its direction is below this (s). */
  releaseSec: number;
  /** Above this |error| (s), seek instead of nudging. */
  seekThresholdSec: number;
  /** Largest relative rate change in steady state, e.g. 0.03 = ±3 %. */
  maxRateDelta: number;
  /** Time constant (s) of the steady nudge: rate delta = error / convergeSec. */
  convergeSec: number;
  /** How long (s) after a start, seek or stall the landing limits apply. */
  landingSec: number;
  /** Largest relative rate change while landing. */
  landingRateDelta: number;
  /** Time constant (s) of the nudge while landing. */
  landingConvergeSec: number;
  /** Smallest nudge (relative): a smaller one would not pay for its two switches. */
  minRateStep: number;
  /** While paused, a position off by more than this (s) is fixed by seeking. */
  pausedToleranceSec: number;
  /** A paused player starting off by more than this (s) seeks as it starts. */
  startToleranceSec: number;
}

export const DEFAULT_CORRECTION_CONFIG: CorrectionConfig = {
  deadBandSec: 0.008,
  releaseSec: 0.002,
  // Seeks in buffered video take 10–160 ms and the learned latency compensates, so a
  // seek lands closer than this; smaller errors are nudged away without a visible jump.
  seekThresholdSec: 0.2,
  maxRateDelta: 0.03,
  convergeSec: 0.5,
  landingSec: 1,
  landingRateDelta: 0.2,
  landingConvergeSec: 0.2,
  minRateStep: 0.004,
  pausedToleranceSec: 0.05,
  startToleranceSec: 0.04,
};

/**
 * The media events after which a player is landing (`sinceDisturbanceSec` counts from the
 * newest); the bench splits its rate figures by the same events.
 */
export const DISTURBANCE_EVENTS = ['play', 'seeking', 'seeked', 'playing', 'waiting'] as const;

export interface CorrectionInput {
  /** Room's position now (s), from expectedPosition(). */
  expected: number;
  /** Player's position now (s). */
  actual: number;
  /** Whether the room is playing. */
  playing: boolean;
  /** Whether the player is playing (not paused). */
  videoPlaying: boolean;
  /** True while the player is seeking or buffering: its position means nothing then. */
  videoBusy?: boolean;
  /**
   * Seconds since the player last started playing, seeked or stalled (its `play`,
   * `seeking`, `seeked`, `playing`, `waiting` events): below `landingSec` it is landing.
   * Absent: steady.
   */
  sinceDisturbanceSec?: number;
  /** Player's playbackRate now. */
  currentRate: number;
  /** The room's rate. */
  roomRate: number;
  /** How far ahead to seek while playing (s), from SeekLatencyEstimator. */
  seekLatencySec?: number;
  /** How far (s) the player falls behind on a rate change, from RateSwitchCost. */
  switchLossSec?: number;
  /** How long a plain start takes until the video moves (s), from StartLatencyMeter. */
  startLatencySec?: number;
  /** Film length (s), to keep seek targets inside it. */
  durationSec?: number;
  config?: CorrectionConfig;
}

export type Correction =
  | { kind: 'none' }
  | { kind: 'rate'; rate: number }
  | { kind: 'seek'; to: number }
  /** Start playing; `from`: seek there first (same step), the video being off. */
  | { kind: 'play'; from?: number }
  | { kind: 'pause' };

const NONE: Correction = { kind: 'none' };
const RATE_EPSILON = 1e-6;

/** Rate change, or none when the player already runs close enough to it. */
function rateTo(rate: number, currentRate: number, minStep: number, exact: boolean): Correction {
  const step = Math.abs(rate - currentRate);
  if (step <= RATE_EPSILON || (!exact && step < minStep)) return NONE;
  return { kind: 'rate', rate };
}

function correctPaused(input: CorrectionInput, config: CorrectionConfig): Correction {
  if (input.videoPlaying) return { kind: 'pause' };
  if (input.videoBusy) return NONE;
  if (Math.abs(input.expected - input.actual) > config.pausedToleranceSec) {
    return { kind: 'seek', to: clampToFilm(input.expected, input.durationSec) };
  }
  return rateTo(input.roomRate, input.currentRate, config.minRateStep, true);
}

/** Where to seek while the room plays: ahead by the time the seek will stall the player. */
function seekTarget(input: CorrectionInput): number {
  const ahead = input.seekLatencySec ?? 0;
  return clampToFilm(input.expected + ahead * input.roomRate, input.durationSec);
}

function correctPlaying(input: CorrectionInput, config: CorrectionConfig): Correction {
  if (input.videoBusy) return NONE;
  // Positive error: the player is behind the room.
  const error = input.expected - input.actual;
  const magnitude = Math.abs(error);
  if (!input.videoPlaying) {
    // Judged where the room will be once a plain start has the video moving. Seek and
    // play in one step: waiting for the seek before playing costs a tick.
    const startError = error + (input.startLatencySec ?? 0) * input.roomRate;
    return Math.abs(startError) > config.startToleranceSec
      ? { kind: 'play', from: seekTarget(input) }
      : { kind: 'play' };
  }
  if (magnitude > config.seekThresholdSec) return { kind: 'seek', to: seekTarget(input) };

  const landing = (input.sinceDisturbanceSec ?? Number.POSITIVE_INFINITY) < config.landingSec;
  const limit = landing ? config.landingRateDelta : config.maxRateDelta;
  const converge = landing ? config.landingConvergeSec : config.convergeSec;
  const loss = input.switchLossSec ?? 0;
  // The error once both switches (into a nudge and back) have cost their loss.
  const work = error + 2 * loss;
  const target = Math.min(Math.max(work / converge, -limit), limit);
  const relative = input.currentRate / input.roomRate - 1;
  if (Math.abs(relative) > RATE_EPSILON) {
    // A nudge runs. Every change costs position, so it is held until the error in its
    // direction is down to the release point, ended early by the loss of the switch back.
    const direction = Math.sign(relative);
    if (direction * (error + loss) <= config.releaseSec) {
      return { kind: 'rate', rate: input.roomRate };
    }
    const bounded = Math.abs(relative) > limit + RATE_EPSILON; // left from landing
    const tooWeak = Math.sign(target) === direction && Math.abs(target) >= 2 * Math.abs(relative);
    return bounded || tooWeak ? { kind: 'rate', rate: input.roomRate * (1 + target) } : NONE;
  }
  if (magnitude <= config.deadBandSec) return NONE;
  // At least a minimal step: a nudge of (almost) nothing still pays for its switches.
  const delta =
    Math.abs(target) >= config.minRateStep ? target : Math.sign(work) * config.minRateStep;
  return rateTo(input.roomRate * (1 + delta), input.currentRate, config.minRateStep, true);
}

export function decideCorrection(input: CorrectionInput): Correction {
  const config = input.config ?? DEFAULT_CORRECTION_CONFIG;
  return input.playing ? correctPlaying(input, config) : correctPaused(input, config);
}
