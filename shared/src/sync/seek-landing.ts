/**
 * When to read how a seek made while playing landed, for SeekLatencyEstimator: on the first
 * tick that sees the video moving again, not the first one it is no longer busy. Chromium
 * holds the frame 5–100 ms after `seeked`/`playing` before it moves (bench:sync), and that
 * wait is part of what a seek costs: read earlier, the learned latency missed it and every
 * remote start landed that far behind, to be nudged away during the first second.
 * Timer-free: the caller passes its clock (ms).
 */

export interface SeekLandingReading {
  /** How far ahead the seek aimed (s, film). */
  compensationSec: number;
  /** Room position − player position (s) once moving, less what a running nudge added. */
  residualSec: number;
}

export interface SeekLandingTick {
  /** Caller's clock (ms). */
  at: number;
  /** The room state's seq now: a reading against a newer state would mean nothing. */
  seq: number;
  /** Room position now (s). */
  expected: number;
  /** Player position now (s). */
  position: number;
  /** Player's playbackRate now (set at the previous tick, so run since), and the room's. */
  rate: number;
  roomRate: number;
}

/** A video seen still for this long after its seek is not waited for any more (ms). */
const GIVE_UP_MS = 1500;

export class SeekLanding {
  #pending: {
    compensationSec: number;
    seq: number;
    since?: number;
    seen?: { at: number; position: number };
  } | null = null;

  /** We seeked `compensationSec` ahead of the room for the state `seq`. */
  start(compensationSec: number, seq: number): void {
    this.#pending = { compensationSec, seq };
  }

  /** Whether a seek's landing is awaited and the video has not been seen moving yet. */
  get waiting(): boolean {
    return this.#pending !== null;
  }

  /**
   * Called on every tick the video is not busy while the room plays: the reading once the
   * video moved since the previous tick (at least half its rate), else null.
   */
  observe(tick: SeekLandingTick): SeekLandingReading | null {
    const pending = this.#pending;
    if (!pending) return null;
    if (pending.seq !== tick.seq || tick.at - (pending.since ?? tick.at) > GIVE_UP_MS) {
      this.#pending = null;
      return null;
    }
    pending.since ??= tick.at;
    const seen = pending.seen;
    pending.seen = { at: tick.at, position: tick.position };
    if (!seen) return null;
    const elapsedSec = (tick.at - seen.at) / 1000;
    if (elapsedSec <= 0 || tick.position - seen.position < 0.5 * elapsedSec * tick.roomRate) {
      return null;
    }
    this.#pending = null;
    // A nudge set at the previous tick (the rate now) moved it further than the room would.
    const nudged = (tick.rate - tick.roomRate) * elapsedSec;
    return {
      compensationSec: pending.compensationSec,
      residualSec: tick.expected - tick.position + nudged,
    };
  }

  /** Forgets the seek (a newer one replaces it, the room paused). */
  cancel(): void {
    this.#pending = null;
  }
}
