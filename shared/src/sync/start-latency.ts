import { type SeekLatencyConfig, SeekLatencyEstimator } from './seek-latency.ts';

/**
 * How long a player takes from `play` until its position moves (audio output starting):
 * headless Chromium ~90 ms in bench:sync, Firefox ~0. The actor's own play is anchored that
 * much earlier (`startLeadSec` in commands.ts), as a seek is by its seek latency, so the
 * actor does not start behind the room and land with nudges.
 *
 * Measured on every plain start (not after a seek, which has its own latency): the caller
 * says when the video started (`started`), when a seek or pause spoils the measurement
 * (`interrupted`), and reports the position on its ticks (`observe`); the first tick that
 * sees the position moved gives the latency = elapsed − distance moved / rate.
 */

export const DEFAULT_START_LATENCY_CONFIG: SeekLatencyConfig = {
  initialSec: 0,
  alpha: 0.4,
  minSec: 0,
  maxSec: 0.3,
};

/** Longer than this after a start, a measurement is not trusted (a tab in the background). */
const MAX_WAIT_MS = 1000;

export class StartLatencyMeter {
  readonly #estimator: SeekLatencyEstimator;
  #start: { at: number; position: number } | null = null;

  constructor(config: SeekLatencyConfig = DEFAULT_START_LATENCY_CONFIG) {
    this.#estimator = new SeekLatencyEstimator(config);
  }

  /** Current estimate (s). */
  get estimateSec(): number {
    return this.#estimator.estimateSec;
  }

  /** The video fired `play` at `nowMs` standing at `position` (s). */
  started(nowMs: number, position: number): void {
    this.#start = { at: nowMs, position };
  }

  /** A seek or pause: this start tells nothing about a plain start. */
  interrupted(): void {
    this.#start = null;
  }

  /** A tick while the video plays and is not busy: learns once the position has moved. */
  observe(nowMs: number, position: number, rate: number): void {
    const start = this.#start;
    if (!start) return;
    const elapsedMs = nowMs - start.at;
    if (elapsedMs > MAX_WAIT_MS || position < start.position) {
      this.#start = null;
      return;
    }
    const moved = position - start.position;
    if (moved <= 0 || rate <= 0) return;
    this.#start = null;
    this.#estimator.record(elapsedMs / 1000 - moved / rate);
  }
}
