import { clampToFilm } from './playback-math.ts';

/**
 * What to do to a player to make it show the room's moment. Pure: the caller measures,
 * calls this on every tick (e.g. every 100 ms) and on every room update, and applies it.
 *
 * - A large error is fixed by seeking, ahead by the estimated seek latency.
 * - A small one by a bounded playbackRate nudge proportional to the error, so the error
 *   decays exponentially without overshoot. Two phases:
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
 *   room's rate) only once the error is well inside it, so it does not flap at the edge.
 * - Starting a nudge from the room's rate costs the player `rateEntryLossSec` (Chromium's
 *   time-stretching starting): the nudge is sized for the error it will leave.
 * - A rate change shows in currentTime only `rateLagSec` later (~50 ms in Chromium): while a
 *   nudge runs, the error it is judged by is the one predicted for then, so a nudge is
 *   stepped down and released before it overshoots (at 15 % that lag alone is 7.5 ms).
 * - Settled: once landed, an error inside the dead band but beyond `settledBandSec`, steadily
 *   (the caller's median of the last half second at one rate, `settledErrorSec`), is nudged
 *   away too, gently: landings used to stop anywhere inside ±10 ms and stay there.
 */

export interface CorrectionConfig {
  /** No nudge starts while |error| is below this (s). */
  deadBandSec: number;
  /** A running nudge stops once |error| is below this (s); smaller than the dead band. */
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
  /**
   * How long (s) a playbackRate change takes to show in currentTime: the error is predicted
   * that far ahead while nudging (bench:sync, headless Chromium: 40–60 ms).
   */
  rateLagSec: number;
  /**
   * Position (s) a player loses when a nudge starts from the room's rate: Chromium plays
   * rate 1 by copying and starts its time-stretching (WSOLA, a 20 ms window) for any other
   * rate, and currentTime falls ~20 ms behind as it does, whichever way the nudge goes
   * (bench:sync traces, with the rate lag taken out: 16–18 ms at every start). A nudge
   * that starts is sized for the error it will have then. 0 for players without it.
   */
  rateEntryLossSec: number;
  /**
   * Position (s) a player gains, on average, when a nudge ends (back to the room's rate): in
   * Chromium either ~2.5 ms lost or ~7 ms gained, about evenly (its stretching's window is
   * dropped mid-way or not). A nudge aims that far behind the room, so either way it ends
   * within about ±6 ms of it rather than anywhere from 3 ms behind to 9 ms ahead.
   */
  rateExitGainSec: number;
  /** Once landed, no nudge starts while the settled |error| is within this (s). */
  settledBandSec: number;
  /** Rate changes smaller than this are not worth a ratechange event. */
  minRateStep: number;
  /** While paused, a position off by more than this (s) is fixed by seeking. */
  pausedToleranceSec: number;
  /** A paused player starting off by more than this (s) seeks as it starts. */
  startToleranceSec: number;
}

export const DEFAULT_CORRECTION_CONFIG: CorrectionConfig = {
  deadBandSec: 0.01,
  releaseSec: 0.0015,
  // Seeks in buffered video take 10–160 ms and the learned latency compensates, so a
  // seek lands closer than this; smaller errors are nudged away without a visible jump.
  seekThresholdSec: 0.2,
  maxRateDelta: 0.03,
  convergeSec: 0.5,
  landingSec: 1,
  landingRateDelta: 0.15,
  landingConvergeSec: 0.25,
  rateLagSec: 0.05,
  rateEntryLossSec: 0.017,
  rateExitGainSec: 0.0023,
  settledBandSec: 0.004,
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
  /**
   * The error (s, room − player) settled over the last moments at one rate (SettledError's
   * median), or undefined while not known. Once landed, a nudge starts only if it too is
   * beyond `settledBandSec`.
   */
  settledErrorSec?: number;
  /** Player's playbackRate now. */
  currentRate: number;
  /** The room's rate. */
  roomRate: number;
  /** How far ahead to seek while playing (s), from SeekLatencyEstimator. */
  seekLatencySec?: number;
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
    // Seek and play in one step: waiting for the seek before playing costs a tick.
    return magnitude > config.startToleranceSec
      ? { kind: 'play', from: seekTarget(input) }
      : { kind: 'play' };
  }
  if (magnitude > config.seekThresholdSec) return { kind: 'seek', to: seekTarget(input) };

  const nudging = Math.abs(input.currentRate - input.roomRate) > RATE_EPSILON;
  const landing = (input.sinceDisturbanceSec ?? Number.POSITIVE_INFINITY) < config.landingSec;
  let driving: number;
  if (nudging) {
    // Where the error will be once the running rate has shown (it is seen rateLagSec late).
    // Aimed at where the exit leaves it: the gain back at the room's rate is still to come.
    driving =
      error - (input.currentRate - input.roomRate) * config.rateLagSec - config.rateExitGainSec;
    if (Math.abs(driving) <= config.releaseSec) {
      return rateTo(input.roomRate, input.currentRate, config.minRateStep, true);
    }
  } else {
    const settled = input.settledErrorSec;
    const settledSmall = settled === undefined || Math.abs(settled) <= config.settledBandSec;
    if (magnitude <= config.deadBandSec) return NONE;
    // Landed, one odd reading beyond the dead band is not believed over the settled error.
    if (!landing && settled !== undefined && settledSmall) return NONE;
    // Starting a nudge costs the entry loss: a player ahead by about that needs only to start.
    driving = error + config.rateEntryLossSec - config.rateExitGainSec;
  }
  const limit = landing ? config.landingRateDelta : config.maxRateDelta;
  const converge = landing ? config.landingConvergeSec : config.convergeSec;
  let delta = Math.min(Math.max(driving / converge, -limit), limit);
  if (!nudging && Math.abs(delta) < config.minRateStep) {
    // Too small to be worth a step, but the start itself is the correction: the smallest one.
    delta = (driving >= 0 ? 1 : -1) * config.minRateStep;
  }
  // A rate beyond the limit (left from landing) is fixed however small the step.
  const beyond = Math.abs(input.currentRate / input.roomRate - 1) > limit + RATE_EPSILON;
  return rateTo(input.roomRate * (1 + delta), input.currentRate, config.minRateStep, beyond);
}

export function decideCorrection(input: CorrectionInput): Correction {
  const config = input.config ?? DEFAULT_CORRECTION_CONFIG;
  return input.playing ? correctPlaying(input, config) : correctPaused(input, config);
}
