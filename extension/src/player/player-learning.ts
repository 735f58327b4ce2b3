/**
 * What the hook learns about its own player, from its events and ticks (the shared meters
 * do the maths): when it was last disturbed (the correction lands after that), how long a
 * plain start takes to move, and how much position a rate change costs.
 */
import { DISTURBANCE_EVENTS, RateSwitchCost, StartLatencyMeter } from '@kino/shared/sync';

type Listen = (type: string, listener: () => void) => void;

export interface PlayerLearning {
  startLatency: StartLatencyMeter;
  switchCost: RateSwitchCost;
  /** Seconds since the video last started, seeked or stalled. */
  sinceDisturbanceSec(): number;
  /** A tick that saw the video playing, not busy, off the room by `errorSec`. */
  observe(errorSec: number): void;
}

export function learnPlayer(
  video: { readonly currentTime: number; readonly playbackRate: number },
  now: () => number,
  on: Listen,
): PlayerLearning {
  const startLatency = new StartLatencyMeter();
  const switchCost = new RateSwitchCost();
  let disturbedAt = Number.NEGATIVE_INFINITY;
  for (const type of DISTURBANCE_EVENTS) {
    on(type, () => {
      disturbedAt = now();
      switchCost.interrupted();
    });
  }
  on('play', () => startLatency.started(now(), video.currentTime));
  for (const type of ['seeking', 'seeked', 'pause']) on(type, () => startLatency.interrupted());
  return {
    startLatency,
    switchCost,
    sinceDisturbanceSec: () => (now() - disturbedAt) / 1000,
    observe(errorSec) {
      startLatency.observe(now(), video.currentTime, video.playbackRate);
      switchCost.observe(now(), errorSec);
    },
  };
}
