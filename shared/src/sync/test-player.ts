import type { GuardedEvent } from './echo-guard.ts';

/**
 * A <video> stand-in for the simulation tests, in virtual time (ms). Its clock runs a bit
 * fast or slow (`driftFactor`), and a seek stalls it for `seekLatencyMs()` before it plays on
 * from the target, as a real player does. It reports the events a real one would fire.
 */
export class SimulatedPlayer {
  /** True film position (s). */
  position = 0;
  paused = true;
  playbackRate = 1;
  readonly events: { event: GuardedEvent; at: number }[] = [];
  #seek: { target: number; doneAt: number } | null = null;

  /** Rates set, newest last: a rate shows `rateLagMs` after it was set (as in Chromium). */
  #rates: { at: number; rate: number }[] = [{ at: Number.NEGATIVE_INFINITY, rate: 1 }];

  constructor(
    private readonly driftFactor: number,
    private readonly seekLatencyMs: () => number,
    private readonly rateLagMs = 0,
  ) {}

  /** The rate the position moves at, at `now`: the one set at least `rateLagMs` before. */
  #effectiveRate(now: number): number {
    const shown = this.#rates.filter((r) => r.at <= now - this.rateLagMs);
    return shown.at(-1)?.rate ?? 1;
  }

  /** What `video.currentTime` reads: the target while a seek is in progress. */
  get currentTime(): number {
    return this.#seek ? this.#seek.target : this.position;
  }

  get seeking(): boolean {
    return this.#seek !== null;
  }

  /** Moves virtual time forward by `dtMs`, ending at `now`. */
  advance(dtMs: number, now: number): void {
    let playMs = dtMs;
    if (this.#seek) {
      if (now < this.#seek.doneAt) return;
      playMs = now - this.#seek.doneAt;
      this.position = this.#seek.target;
      this.#seek = null;
      this.events.push({ event: 'seeked', at: now });
    }
    const rate = this.#effectiveRate(now);
    if (!this.paused) this.position += (playMs / 1000) * rate * this.driftFactor;
  }

  seek(to: number, now: number): void {
    this.#seek = { target: to, doneAt: now + this.seekLatencyMs() };
    this.events.push({ event: 'seeking', at: now });
  }

  setRate(rate: number, now: number): void {
    this.playbackRate = rate;
    this.#rates = [...this.#rates.slice(-8), { at: now, rate }];
    this.events.push({ event: 'ratechange', at: now });
  }

  play(now: number): void {
    this.paused = false;
    this.events.push({ event: 'play', at: now });
  }

  pause(now: number): void {
    this.paused = true;
    this.events.push({ event: 'pause', at: now });
  }

  takeEvents(): GuardedEvent[] {
    return this.events.splice(0).map((entry) => entry.event);
  }
}
