/**
 * Tells the player's own echoes from user actions. When the client applies remote state to
 * the <video> it first says what events that will cause (`expect`); when the video then
 * fires an event, `consume` says whether we caused it (swallow) or the user/page did (it
 * becomes a command). Expectations expire, so a real click shortly after is not eaten.
 *
 * Only expect what will really fire: `play()` on a playing video fires no `play`, and a
 * leftover expectation would swallow the user's next play within the expiry window.
 */

export type GuardedEvent = 'play' | 'pause' | 'seeking' | 'seeked' | 'ratechange';
export type ExpectedAction = 'play' | 'pause' | 'seek' | 'ratechange';

export interface ExpectDetails {
  /** Seek target (s); required for 'seek'. */
  position?: number;
  /** New playbackRate; required for 'ratechange'. */
  rate?: number;
}

export interface VideoSnapshot {
  currentTime: number;
  playbackRate: number;
  paused: boolean;
}

export interface EchoGuardConfig {
  /** How long an expectation waits for its event (ms). */
  ttlMs: number;
  /** A seek event matches an expected seek landing within this distance (s). */
  seekToleranceSec: number;
  /** A ratechange matches an expected rate within this difference. */
  rateTolerance: number;
}

export const DEFAULT_ECHO_GUARD_CONFIG: EchoGuardConfig = {
  ttlMs: 1500,
  seekToleranceSec: 0.25,
  rateTolerance: 0.001,
};

interface Expectation {
  action: ExpectedAction;
  at: number;
  position?: number;
  rate?: number;
}

export class EchoGuard {
  #pending: Expectation[] = [];
  readonly #config: EchoGuardConfig;

  constructor(config: EchoGuardConfig = DEFAULT_ECHO_GUARD_CONFIG) {
    this.#config = config;
  }

  /**
   * Announces an event our own change to the video is about to cause. `now`: local ms.
   * Every expectation is kept (not replaced): after play() then pause() both events still
   * fire, and both must be swallowed.
   */
  expect(action: ExpectedAction, details: ExpectDetails, now: number): void {
    this.#expire(now);
    this.#pending.push({ action, at: now, ...details });
  }

  /** True when the event is our own echo (swallow it); false when the user or page did it. */
  consume(event: GuardedEvent, video: VideoSnapshot, now: number): boolean {
    this.#expire(now);
    const matching = this.#pending.findIndex((pending) => this.#matches(pending, event, video));
    if (matching < 0) return false;
    // `seeking` is followed by its `seeked`: keep the expectation for that one.
    if (event === 'seeking') return true;
    // Rate events of two quick changes both show the final rate, so the oldest expected
    // rate change is the one this event belongs to, even if the newest one matched.
    const index =
      event === 'ratechange'
        ? this.#pending.findIndex((pending) => pending.action === 'ratechange')
        : matching;
    this.#pending.splice(index, 1);
    return true;
  }

  /** Number of expectations still waiting (for tests and diagnostics). */
  pendingCount(now: number): number {
    this.#expire(now);
    return this.#pending.length;
  }

  #matches(pending: Expectation, event: GuardedEvent, video: VideoSnapshot): boolean {
    switch (event) {
      case 'play':
      case 'pause':
        return pending.action === event;
      case 'seeking':
      case 'seeked':
        return (
          pending.action === 'seek' &&
          pending.position !== undefined &&
          Math.abs(video.currentTime - pending.position) <= this.#config.seekToleranceSec
        );
      case 'ratechange':
        return (
          pending.action === 'ratechange' &&
          pending.rate !== undefined &&
          Math.abs(video.playbackRate - pending.rate) <= this.#config.rateTolerance
        );
    }
  }

  #expire(now: number): void {
    this.#pending = this.#pending.filter((pending) => now - pending.at <= this.#config.ttlMs);
  }
}
