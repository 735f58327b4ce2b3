/**
 * A member's film position as a function of wall-clock time, built from samples.
 * Only "steady" stretches count: the video is playing, not seeking, has not just
 * been disturbed (play, seek, stall), and advanced continuously between the two
 * samples around the instant. Everything else answers `null`, so a jump is never
 * smeared into a fake drift by interpolating across it.
 */
import type { MemberTrace, PositionSample, VideoEvent } from './types.ts';

export interface SteadyConfig {
  /** How long after a disturbance (ms) a player is not yet steady. */
  settleMs: number;
  /** Largest gap between two samples (ms) we interpolate across. */
  maxGapMs: number;
  /** Largest difference (s) between film advance and wall-clock advance between samples. */
  maxJumpSec: number;
}

export const DEFAULT_STEADY: SteadyConfig = { settleMs: 1500, maxGapMs: 300, maxJumpSec: 0.25 };

/** Events after which a player needs time to settle. */
const DISTURBANCES = new Set<VideoEvent['type']>([
  'play',
  'seeking',
  'seeked',
  'waiting',
  'playing',
]);

/** Index of the last sample at or before `t` (samples sorted by t), or -1. */
export function lastIndexAtOrBefore(samples: readonly { t: number }[], t: number): number {
  let low = 0;
  let high = samples.length - 1;
  let found = -1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const sample = samples[mid];
    if (sample && sample.t <= t) {
      found = mid;
      low = mid + 1;
    } else high = mid - 1;
  }
  return found;
}

function playing(sample: PositionSample): boolean {
  return !sample.paused && !sample.seeking;
}

/** Linear position between two samples at `t`, or null when that would cross a jump or gap. */
export function interpolatePosition(
  samples: readonly PositionSample[],
  t: number,
  config: SteadyConfig = DEFAULT_STEADY,
): number | null {
  const i = lastIndexAtOrBefore(samples, t);
  const a = samples[i];
  const b = samples[i + 1];
  if (!a || !b || !playing(a) || !playing(b)) return null;
  const dt = b.t - a.t;
  if (dt <= 0 || dt > config.maxGapMs) return null;
  const advance = b.pos - a.pos;
  if (Math.abs(advance - (dt / 1000) * a.rate) > config.maxJumpSec) return null;
  return a.pos + advance * ((t - a.t) / dt);
}

/** Whether no disturbance happened to this member within `settleMs` before `t`. */
export function isSettled(
  events: readonly VideoEvent[],
  t: number,
  config: SteadyConfig = DEFAULT_STEADY,
): boolean {
  let i = lastIndexAtOrBefore(events, t);
  while (i >= 0) {
    const event = events[i];
    if (!event || t - event.t > config.settleMs) return true;
    if (DISTURBANCES.has(event.type)) return false;
    i--;
  }
  return true;
}

/** The member's steady position at `t` (s), or null when not steady then. */
export function steadyPosition(
  trace: MemberTrace,
  t: number,
  config: SteadyConfig = DEFAULT_STEADY,
): number | null {
  if (!isSettled(trace.events, t, config)) return null;
  return interpolatePosition(trace.samples, t, config);
}
