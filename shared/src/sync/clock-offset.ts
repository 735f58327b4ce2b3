/**
 * NTP-style estimate of the offset between this client's clock and the server's.
 *
 * A ping leaves at client time t0, the server stamps `serverTime`, the pong arrives at t1.
 * Assuming equal one-way delays, offset = serverTime − (t0 + t1) / 2, and the true offset
 * lies within ± rtt / 2 of that. Samples are combined by intersecting those intervals (see
 * estimateClockOffset). State in, state out: the caller owns the timers.
 */

export interface ClockSample {
  /** Client clock (ms) when the ping was sent. */
  t0: number;
  /** Server clock (ms) from the pong. */
  serverTime: number;
  /** Client clock (ms) when the pong arrived. */
  t1: number;
}

export interface MeasuredSample {
  /** Client clock (ms) when measured (= t1); ages the sample out. */
  at: number;
  rtt: number;
  offset: number;
}

export interface ClockOffsetState {
  /** Oldest first. */
  readonly samples: readonly MeasuredSample[];
}

export interface ClockOffsetConfig {
  /** Samples kept; the best of them is the estimate. */
  windowSize: number;
  /** Older samples are dropped so a drifting local clock is followed. */
  maxSampleAgeMs: number;
  /** Round trips above this are useless for sync (and likely a stalled tab). */
  maxRttMs: number;
  /**
   * How fast the two clocks may drift apart (ms per ms, e.g. 50e-6 = 50 ppm). A sample's
   * uncertainty grows by this per ms of age, so a fresh sample beats an old one with a
   * slightly smaller round trip (the idea of NTP's dispersion).
   */
  driftRate: number;
  /** Samples needed before the estimate is trusted. */
  minSamples: number;
  /** Pings at start (and after losing samples), quickly one after another. */
  burstCount: number;
  burstDelayMs: number;
  /** Ping period once the burst is done. */
  steadyDelayMs: number;
}

export const DEFAULT_CLOCK_CONFIG: ClockOffsetConfig = {
  windowSize: 32,
  maxSampleAgeMs: 5 * 60_000,
  maxRttMs: 5_000,
  driftRate: 50e-6,
  minSamples: 3,
  burstCount: 5,
  burstDelayMs: 150,
  steadyDelayMs: 12_000,
};

export const initialClockState: ClockOffsetState = { samples: [] };

export function measureSample(sample: ClockSample): MeasuredSample {
  const rtt = sample.t1 - sample.t0;
  return { at: sample.t1, rtt, offset: sample.serverTime - (sample.t0 + sample.t1) / 2 };
}

/**
 * Two samples agree when their intervals [offset ± rtt/2] overlap: the true offset must lie
 * in both. When they do not, the local clock stepped (NTP adjustment, sleep) or drifted
 * since the old one, so the old sample is wrong now.
 */
function consistent(older: MeasuredSample, newer: MeasuredSample, driftRate: number): boolean {
  const drift = (newer.at - older.at) * driftRate;
  return Math.abs(older.offset - newer.offset) <= (older.rtt + newer.rtt) / 2 + drift;
}

/** Adds a ping/pong measurement. Impossible or useless samples leave the state unchanged. */
export function addClockSample(
  state: ClockOffsetState,
  sample: ClockSample,
  config: ClockOffsetConfig = DEFAULT_CLOCK_CONFIG,
): ClockOffsetState {
  const measured = measureSample(sample);
  const finite = [sample.t0, sample.t1, sample.serverTime].every(Number.isFinite);
  if (!finite || measured.rtt < 0 || measured.rtt > config.maxRttMs) return state;
  const kept = state.samples.filter(
    (old) =>
      measured.at - old.at <= config.maxSampleAgeMs && consistent(old, measured, config.driftRate),
  );
  kept.push(measured);
  return { samples: kept.slice(-config.windowSize) };
}

/** Drops samples that are too old at `now` (client ms); call before estimating after idling. */
export function pruneClockSamples(
  state: ClockOffsetState,
  now: number,
  config: ClockOffsetConfig = DEFAULT_CLOCK_CONFIG,
): ClockOffsetState {
  const kept = state.samples.filter((sample) => now - sample.at <= config.maxSampleAgeMs);
  return kept.length === state.samples.length ? state : { samples: kept };
}

export interface ClockEstimate {
  /** serverTime ≈ localTime + offset (ms). */
  offset: number;
  /** Smallest round trip in the window (ms). */
  rtt: number;
  /** The true offset is within ± this (ms), if one-way delays are non-negative. */
  uncertainty: number;
  /** Enough samples to act on. */
  ready: boolean;
  samples: number;
}

/**
 * The best offset estimate at local time `now` (defaults to the newest sample's time).
 *
 * Each sample says the true offset lies in [offset − rtt/2, offset + rtt/2], widened by the
 * drift since it was taken. All of them hold at once, so the estimate is the middle of their
 * intersection: its lower edge comes from the sample with the quickest way back, its upper
 * edge from the one with the quickest way there, which need not be the same ping. That is
 * tighter than the single smallest-round-trip sample, most of all when jitter is one-sided.
 * If the intervals do not meet (a clock step slipped through), the single sample with the
 * smallest uncertainty is used.
 */
export function estimateClockOffset(
  state: ClockOffsetState,
  now?: number,
  config: ClockOffsetConfig = DEFAULT_CLOCK_CONFIG,
): ClockEstimate | null {
  const newest = state.samples.at(-1);
  if (!newest) return null;
  const at = now ?? newest.at;
  const halfWidth = (sample: MeasuredSample) =>
    sample.rtt / 2 + Math.max(0, at - sample.at) * config.driftRate;
  let low = Number.NEGATIVE_INFINITY;
  let high = Number.POSITIVE_INFINITY;
  let best = newest;
  for (const sample of state.samples) {
    low = Math.max(low, sample.offset - halfWidth(sample));
    high = Math.min(high, sample.offset + halfWidth(sample));
    if (halfWidth(sample) < halfWidth(best)) best = sample;
  }
  const overlap = low <= high;
  return {
    offset: overlap ? (low + high) / 2 : best.offset,
    rtt: state.samples.reduce((min, sample) => Math.min(min, sample.rtt), newest.rtt),
    uncertainty: overlap ? (high - low) / 2 : halfWidth(best),
    ready: state.samples.length >= config.minSamples,
    samples: state.samples.length,
  };
}

/** How long to wait before the next ping: a quick burst until the window has enough. */
export function nextPingDelay(
  state: ClockOffsetState,
  config: ClockOffsetConfig = DEFAULT_CLOCK_CONFIG,
): number {
  return state.samples.length < config.burstCount ? config.burstDelayMs : config.steadyDelayMs;
}
