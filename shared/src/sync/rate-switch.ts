/**
 * What a playbackRate change costs: headless Chromium loses ~15–20 ms of film position on
 * every change (bench:sync: the position falls behind by that much right after each
 * `playbackRate =`, whatever the direction). A correction that steps its rate every tick
 * loses that on every step and chases its own losses; decideCorrection therefore holds a
 * nudge until the error is gone and ends it `switchLossSec` early (ahead by it), so the
 * loss of the switch back lands the player on the room's moment.
 *
 * Learned per player from each switch back to the room rate: the error one tick later
 * minus the error at the switch (the player runs at the room rate in between). State in
 * the instance, clock passed in.
 */

export interface RateSwitchConfig {
  /** Weight of a new measurement (0–1). */
  alpha: number;
  /** Bounds of the estimate (s). */
  minSec: number;
  maxSec: number;
  /** Measured on the first tick this long after the switch (ms) … */
  settleMs: number;
  /** … and no later than this (ms). */
  maxWaitMs: number;
}

export const DEFAULT_RATE_SWITCH_CONFIG: RateSwitchConfig = {
  alpha: 0.3,
  minSec: 0,
  maxSec: 0.04,
  settleMs: 80,
  maxWaitMs: 400,
};

export class RateSwitchCost {
  #estimateSec = 0;
  #switch: { at: number; errorSec: number } | null = null;
  readonly #config: RateSwitchConfig;

  constructor(config: RateSwitchConfig = DEFAULT_RATE_SWITCH_CONFIG) {
    this.#config = config;
  }

  /** How far (s) a player falls behind on a rate change. */
  get estimateSec(): number {
    return this.#estimateSec;
  }

  /**
   * A rate change was applied at `nowMs` with the error (expected − actual, s) it was
   * decided on. Only a switch back to the room rate is measured; any other change (or a
   * disturbance: pass `measurable` false) spoils a measurement in progress.
   */
  switched(nowMs: number, errorSec: number, measurable: boolean): void {
    this.#switch = measurable ? { at: nowMs, errorSec } : null;
  }

  /** A seek, start or stall: the next error says nothing about the switch. */
  interrupted(): void {
    this.#switch = null;
  }

  /** A tick that saw the video playing steadily with this error (s). */
  observe(nowMs: number, errorSec: number): void {
    const pending = this.#switch;
    if (!pending) return;
    const waited = nowMs - pending.at;
    if (waited < this.#config.settleMs) return;
    this.#switch = null;
    if (waited > this.#config.maxWaitMs || !Number.isFinite(errorSec)) return;
    const { alpha, minSec, maxSec } = this.#config;
    const measured = Math.min(Math.max(errorSec - pending.errorSec, minSec), maxSec);
    this.#estimateSec += alpha * (measured - this.#estimateSec);
  }
}
