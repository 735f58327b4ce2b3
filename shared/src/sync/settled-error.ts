/**
 * The player's error (room position − player position, s) over the last moments it played
 * steadily at one rate: the median of the recent ticks' errors, so one odd reading (a
 * currentTime that advances in 40 ms steps, as Firefox's does, or a late tick) does not start
 * a nudge. The caller adds one error per correction tick while the player plays at the room's
 * rate, and resets it whenever that stops holding (a start, seek or stall, a rate change, a new
 * room state). Timer-free: the caller passes its clock (ms).
 */

export interface SettledErrorConfig {
  /** Errors older than this (ms) are dropped. */
  windowMs: number;
  /** Fewer errors than this in the window: not settled yet. */
  minSamples: number;
}

export const DEFAULT_SETTLED_ERROR_CONFIG: SettledErrorConfig = { windowMs: 500, minSamples: 3 };

export class SettledError {
  #samples: { at: number; error: number }[] = [];
  readonly #config: SettledErrorConfig;

  constructor(config: SettledErrorConfig = DEFAULT_SETTLED_ERROR_CONFIG) {
    this.#config = config;
  }

  /** Forgets every error: what follows is measured afresh. */
  reset(): void {
    this.#samples = [];
  }

  /** Adds the error (s) read at `at` (ms); non-finite errors are ignored. */
  add(at: number, errorSec: number): void {
    if (!Number.isFinite(errorSec)) return;
    this.#samples.push({ at, error: errorSec });
    this.#drop(at);
  }

  /** Median of the errors within the window before `at`, or undefined while too few. */
  value(at: number): number | undefined {
    this.#drop(at);
    if (this.#samples.length < this.#config.minSamples) return undefined;
    const sorted = this.#samples.map((s) => s.error).sort((a, b) => a - b);
    const mid = sorted.length >> 1;
    const upper = sorted[mid] ?? 0;
    return sorted.length % 2 === 1 ? upper : ((sorted[mid - 1] ?? upper) + upper) / 2;
  }

  #drop(at: number): void {
    const from = at - this.#config.windowMs;
    if (this.#samples.some((s) => s.at < from)) {
      this.#samples = this.#samples.filter((s) => s.at >= from);
    }
  }
}
