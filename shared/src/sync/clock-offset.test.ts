import { describe, expect, test } from 'bun:test';
import {
  addClockSample,
  type ClockOffsetState,
  DEFAULT_CLOCK_CONFIG,
  estimateClockOffset,
  initialClockState,
  measureSample,
  nextPingDelay,
  pruneClockSamples,
} from './clock-offset.ts';
import { exponential, seededRandom } from './test-random.ts';

interface Network {
  /** One-way delay client → server (ms). */
  up: () => number;
  /** One-way delay server → client (ms). */
  down: () => number;
}

interface Clocks {
  /** Server time (ms) at true time t. */
  server: (t: number) => number;
  /** Client time (ms) at true time t. */
  client: (t: number) => number;
}

/**
 * Runs the ping schedule the estimator asks for, in virtual time, and returns the final
 * state plus the estimate's error against the true offset at the end.
 */
function simulate(pings: number, network: Network, clocks: Clocks) {
  let state: ClockOffsetState = initialClockState;
  let t = 1_000; // true time (ms)
  for (let i = 0; i < pings; i++) {
    const t0 = clocks.client(t);
    const atServer = t + network.up();
    const serverTime = clocks.server(atServer);
    const back = atServer + network.down();
    state = addClockSample(state, { t0, serverTime, t1: clocks.client(back) });
    t = back + nextPingDelay(state);
  }
  const estimate = estimateClockOffset(state, clocks.client(t));
  if (!estimate) throw new Error('no estimate');
  const trueOffset = clocks.server(t) - clocks.client(t);
  return { state, estimate, error: estimate.offset - trueOffset };
}

const TRUE_OFFSET = 12_345.678;
const fixedClocks: Clocks = { server: (t) => t + TRUE_OFFSET, client: (t) => t };

test('measureSample: rtt and offset of one round trip', () => {
  expect(measureSample({ t0: 1000, serverTime: 5020, t1: 1040 })).toEqual({
    at: 1040,
    rtt: 40,
    offset: 4000,
  });
});

/** Runs `runs` seeded simulations; returns the errors sorted, checking each is within its bound. */
function errorsOverSeeds(
  runs: number,
  pings: number,
  makeNetwork: (random: () => number) => Network,
  clocks = fixedClocks,
) {
  const errors: number[] = [];
  for (let seed = 1; seed <= runs; seed++) {
    const { estimate, error } = simulate(pings, makeNetwork(seededRandom(seed)), clocks);
    expect(estimate.ready).toBe(true);
    // The true offset is inside the reported interval whenever one-way delays are ≥ 0.
    expect(Math.abs(error)).toBeLessThanOrEqual(estimate.uncertainty);
    errors.push(Math.abs(error));
  }
  return errors.sort((a, b) => a - b);
}

const median = (sorted: number[]) => sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;

describe('converges under jitter', () => {
  test('symmetric 25 ms paths with random queueing (mean 20 ms each way), 100 seeds', () => {
    const errors = errorsOverSeeds(100, 20, (random) => ({
      up: () => 25 + exponential(random, 20),
      down: () => 25 + exponential(random, 20),
    }));
    expect(median(errors)).toBeLessThan(2);
    expect(errors.at(-1)).toBeLessThan(6);
  });

  test('asymmetric jitter (upload 30 ms mean, download 4 ms), 100 seeds', () => {
    const errors = errorsOverSeeds(100, 30, (random) => ({
      up: () => 25 + exponential(random, 30),
      down: () => 25 + exponential(random, 4),
    }));
    expect(median(errors)).toBeLessThan(2.5);
    expect(errors.at(-1)).toBeLessThan(8);
  });

  test('more samples narrow it: 80 ± 30 ms each way (the lossy bench link), 5 vs 35 pings', () => {
    /** |error| after `pings` pings a second apart, per seed, sorted. */
    const errors = (pings: number) =>
      Array.from({ length: 100 }, (_, k) => {
        const random = seededRandom(k + 1);
        const delay = () => 50 + 60 * random();
        let state: ClockOffsetState = initialClockState;
        for (let i = 0; i < pings; i++) {
          const t0 = 1000 * (i + 1);
          const atServer = t0 + delay();
          const t1 = atServer + delay();
          state = addClockSample(state, { t0, serverTime: atServer + TRUE_OFFSET, t1 });
        }
        return Math.abs((estimateClockOffset(state)?.offset ?? 0) - TRUE_OFFSET);
      }).sort((a, b) => a - b);
    const burst = errors(5);
    const many = errors(35);
    // Two members' difference is up to twice one member's error: 5 samples leave it above a
    // frame (16.7 ms) now and then, 35 keep it within a few ms.
    expect(burst[94]).toBeGreaterThan(8);
    expect(many[94]).toBeLessThan(4);
    expect(median(many)).toBeLessThan(median(burst) / 3);
  });

  test('the estimate is much better than a naive average of all samples', () => {
    const random = seededRandom(7);
    const network = {
      up: () => 20 + exponential(random, 60),
      down: () => 20 + exponential(random, 4),
    };
    const { state, error } = simulate(12, network, fixedClocks);
    const mean = state.samples.reduce((sum, s) => sum + s.offset, 0) / state.samples.length;
    expect(Math.abs(mean - TRUE_OFFSET)).toBeGreaterThan(10);
    expect(Math.abs(error)).toBeLessThan(Math.abs(mean - TRUE_OFFSET) / 3);
  });

  test('a constant path asymmetry cannot be seen (NTP limit) but stays within the uncertainty', () => {
    const network = { up: () => 30, down: () => 10 };
    const { estimate, error } = simulate(10, network, fixedClocks);
    expect(error).toBeCloseTo(10, 6);
    expect(Math.abs(error)).toBeLessThanOrEqual(estimate.uncertainty);
  });
});

describe('follows the local clock', () => {
  test('a local clock 40 ppm fast is followed over 20 minutes, 100 seeds', () => {
    const drifting: Clocks = { server: (t) => t + TRUE_OFFSET, client: (t) => t * (1 + 40e-6) };
    // 100 pings ≈ 20 min, over which the clocks drift 48 ms apart.
    const errors = errorsOverSeeds(
      100,
      100,
      (random) => ({
        up: () => 15 + exponential(random, 10),
        down: () => 15 + exponential(random, 10),
      }),
      drifting,
    );
    expect(median(errors)).toBeLessThan(2.5);
    expect(errors.at(-1)).toBeLessThan(7);
  });

  test('a step of the local clock is followed at the next sample', () => {
    let state: ClockOffsetState = initialClockState;
    for (let i = 0; i < 8; i++) {
      const t0 = 1_000 + i * 200;
      state = addClockSample(state, { t0, serverTime: t0 + 10 + 5_000, t1: t0 + 20 });
    }
    expect(estimateClockOffset(state)?.offset).toBe(5_000);
    // The local clock jumps back by 2 s: the server now looks 7 s ahead.
    state = addClockSample(state, { t0: 900, serverTime: 900 + 30 + 7_000, t1: 960 });
    expect(state.samples).toHaveLength(1);
    expect(estimateClockOffset(state)?.offset).toBe(7_000);
    expect(estimateClockOffset(state)?.ready).toBe(false);
  });

  test('samples older than the age limit are dropped and the burst restarts', () => {
    let state: ClockOffsetState = initialClockState;
    for (let i = 0; i < 6; i++) {
      state = addClockSample(state, { t0: i * 100, serverTime: i * 100 + 10, t1: i * 100 + 20 });
    }
    expect(nextPingDelay(state)).toBe(DEFAULT_CLOCK_CONFIG.steadyDelayMs);
    const later = 600 + DEFAULT_CLOCK_CONFIG.maxSampleAgeMs + 1;
    state = pruneClockSamples(state, later);
    expect(state.samples).toHaveLength(0);
    expect(estimateClockOffset(state)).toBeNull();
    expect(nextPingDelay(state)).toBe(DEFAULT_CLOCK_CONFIG.burstDelayMs);
  });
});

describe('sample hygiene', () => {
  test('negative, huge or non-finite round trips are ignored', () => {
    const bad = [
      { t0: 100, serverTime: 50, t1: 90 },
      { t0: 0, serverTime: 10, t1: DEFAULT_CLOCK_CONFIG.maxRttMs + 1 },
      { t0: 0, serverTime: Number.NaN, t1: 10 },
      { t0: Number.NEGATIVE_INFINITY, serverTime: 5, t1: 10 },
    ];
    for (const sample of bad) {
      expect(addClockSample(initialClockState, sample)).toBe(initialClockState);
    }
  });

  test('the window keeps the newest samples only', () => {
    let state: ClockOffsetState = initialClockState;
    const count = DEFAULT_CLOCK_CONFIG.windowSize + 10;
    for (let i = 0; i < count; i++) {
      state = addClockSample(state, { t0: i * 10, serverTime: i * 10 + 4, t1: i * 10 + 8 });
    }
    expect(state.samples).toHaveLength(DEFAULT_CLOCK_CONFIG.windowSize);
    expect(state.samples.at(-1)?.at).toBe((count - 1) * 10 + 8);
  });

  test('ping schedule: a burst of 5 quick pings, then the steady period', () => {
    let state: ClockOffsetState = initialClockState;
    const delays: number[] = [];
    for (let i = 0; i < 7; i++) {
      delays.push(nextPingDelay(state));
      state = addClockSample(state, { t0: i * 200, serverTime: i * 200 + 5, t1: i * 200 + 10 });
    }
    expect(delays).toEqual([150, 150, 150, 150, 150, 12_000, 12_000]);
  });
});
