/**
 * How long a seek takes to show the new frame while playing. A seek stalls playback, so a
 * player seeking to exactly the expected position lands behind by that stall. Seeking ahead
 * by the estimate compensates. Learned per player with an EWMA, bounded so one seek that hit
 * the network cannot make the next seek jump seconds ahead.
 */

export interface SeekLatencyConfig {
  initialSec: number;
  /** Weight of a new measurement (0–1). */
  alpha: number;
  minSec: number;
  maxSec: number;
}

export const DEFAULT_SEEK_LATENCY_CONFIG: SeekLatencyConfig = {
  initialSec: 0.1,
  alpha: 0.4,
  minSec: 0,
  maxSec: 1,
};

export class SeekLatencyEstimator {
  #estimateSec: number;
  readonly #config: SeekLatencyConfig;

  constructor(config: SeekLatencyConfig = DEFAULT_SEEK_LATENCY_CONFIG) {
    this.#config = config;
    this.#estimateSec = config.initialSec;
  }

  /** Current estimate (s): how far ahead of the expected position to seek. */
  get estimateSec(): number {
    return this.#estimateSec;
  }

  /** Records a measured seek latency (s). Non-finite or negative values are ignored. */
  record(measuredSec: number): void {
    if (!Number.isFinite(measuredSec) || measuredSec < 0) return;
    const { alpha, minSec, maxSec } = this.#config;
    const bounded = Math.min(Math.max(measuredSec, minSec), maxSec);
    this.#estimateSec = this.#estimateSec + alpha * (bounded - this.#estimateSec);
  }

  /**
   * Learns from the error left right after a seek: a player that seeked `compensationSec`
   * ahead and is still `residualErrorSec` behind (expected − actual) took their sum.
   */
  recordResidual(compensationSec: number, residualErrorSec: number): void {
    this.record(compensationSec + residualErrorSec);
  }
}
