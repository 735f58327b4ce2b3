/**
 * When each chunk a latency proxy received may be passed on. Every chunk gets a
 * one-way delay of `meanMs ± jitterMs` (uniform), but never leaves before the
 * chunk received before it: TCP (and so a WebSocket) must keep its byte order, so
 * a short delay drawn after a long one waits for it, as on a real queued link.
 */
import type { Random } from './random.ts';

export interface LinkLatency {
  meanMs: number;
  jitterMs: number;
}

export interface JitterSchedule {
  /** The release time (ms, same clock as `receivedAt`) of a chunk received at `receivedAt`. */
  releaseAt(receivedAt: number): number;
}

export function createJitterSchedule(latency: LinkLatency, random: Random): JitterSchedule {
  if (latency.meanMs < 0 || latency.jitterMs < 0 || latency.jitterMs > latency.meanMs) {
    throw new Error(
      `latency must satisfy 0 <= jitter <= mean, got ${latency.meanMs} ± ${latency.jitterMs} ms`,
    );
  }
  let lastRelease = Number.NEGATIVE_INFINITY;
  return {
    releaseAt(receivedAt) {
      const delay = latency.meanMs + (2 * random() - 1) * latency.jitterMs;
      lastRelease = Math.max(lastRelease, receivedAt + delay);
      return lastRelease;
    },
  };
}
