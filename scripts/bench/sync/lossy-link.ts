/**
 * A lossy link as TCP makes it look to the application: nothing is ever lost or
 * reordered, but a lost segment is held (with everything behind it on that
 * direction) until the retransmission timeout brings it through, and now and then
 * the whole link stalls (Wi-Fi roaming, a congested hop). On top of that, every
 * chunk gets the jittered one-way latency of jitter.ts. Pure and seeded: the same
 * seed gives the same losses, stalls and delays.
 */
import { createJitterSchedule, type JitterSchedule, type LinkLatency } from './jitter.ts';
import { type Random, uniform } from './random.ts';

export interface LossModel {
  /** Share of chunks whose first transmission is lost (0–1), e.g. 0.01. */
  lossRate: number;
  /** Retransmission timeout range (ms): how long a lost chunk is held. */
  rtoMs: [number, number];
  /** Mean time between link stalls (ms); stalls come as a Poisson process. */
  stallEveryMs: number;
  /** How long one stall holds the link (ms). */
  stallMs: number;
}

export const DEFAULT_LOSS: LossModel = {
  lossRate: 0.01,
  rtoMs: [200, 300],
  stallEveryMs: 20_000,
  stallMs: 300,
};

export interface LinkStats {
  chunks: number;
  lost: number;
  stalls: number;
}

export interface LossySchedule extends JitterSchedule {
  readonly stats: LinkStats;
}

/** Exponentially distributed gap (ms) with the given mean. */
function exponential(random: Random, meanMs: number): number {
  return -Math.log(1 - random()) * meanMs;
}

export function createLossySchedule(
  latency: LinkLatency,
  loss: LossModel,
  random: Random,
): LossySchedule {
  if (
    loss.lossRate < 0 ||
    loss.lossRate >= 1 ||
    loss.rtoMs[0] > loss.rtoMs[1] ||
    loss.stallMs < 0
  ) {
    throw new Error('loss model: 0 <= lossRate < 1, rto min <= max, stall >= 0');
  }
  const jitter = createJitterSchedule(latency, random);
  const stats: LinkStats = { chunks: 0, lost: 0, stalls: 0 };
  let nextStallAt = Number.NaN;
  let stallEnd = Number.NEGATIVE_INFINITY;
  let lastRelease = Number.NEGATIVE_INFINITY;
  return {
    stats,
    releaseAt(receivedAt) {
      stats.chunks++;
      if (Number.isNaN(nextStallAt))
        nextStallAt = receivedAt + exponential(random, loss.stallEveryMs);
      // Every stall that began by now: the link passes nothing until it ends.
      while (nextStallAt <= receivedAt) {
        stats.stalls++;
        stallEnd = Math.max(stallEnd, nextStallAt + loss.stallMs);
        nextStallAt += exponential(random, loss.stallEveryMs);
      }
      const sentAt = Math.max(receivedAt, stallEnd);
      let release = jitter.releaseAt(sentAt);
      if (random() < loss.lossRate) {
        stats.lost++;
        release += uniform(random, loss.rtoMs[0], loss.rtoMs[1]);
      }
      // Head-of-line blocking: nothing overtakes a held chunk.
      lastRelease = Math.max(lastRelease, release);
      return lastRelease;
    },
  };
}
