import { expect, test } from 'bun:test';
import type { PlaybackState } from '../types.ts';
import {
  addClockSample,
  type ClockOffsetState,
  estimateClockOffset,
  initialClockState,
  nextPingDelay,
} from './clock-offset.ts';
import { DEFAULT_CORRECTION_CONFIG, DISTURBANCE_EVENTS, decideCorrection } from './correction.ts';
import { EchoGuard } from './echo-guard.ts';
import { expectedPosition, serverNow } from './playback-math.ts';
import { SeekLatencyEstimator } from './seek-latency.ts';
import { SettledError } from './settled-error.ts';
import { SimulatedPlayer } from './test-player.ts';
import { exponential, seededRandom } from './test-random.ts';

/**
 * The whole client loop in virtual time: pings estimate the clock offset over a jittery
 * network, a correction tick every 100 ms reads the player, decides and applies, the echo
 * guard swallows the player's events, and the seek latency is learned. The player runs 0.4 %
 * fast and takes ~180 ms per seek; the room starts playing, jumps, pauses, then resumes.
 * Every room change reaches the player DELIVERY_MS after the moment it is anchored at (the
 * actor's `at`), as it does over a network.
 */

const STEP_MS = 5;
const TICK_MS = 100;
const CLOCK_OFFSET_MS = 3_217.4; // server = local + offset
const TRUE_SEEK_LATENCY_MS = 180;
/** [server time (ms), new position (s)]: someone in the room seeks. */
const JUMPS: [number, number][] = [
  [20_000, 600],
  [26_000, 1200],
  [32_000, 300],
  [38_000, 900],
];
const PAUSE_AT = 44_000;
const RESUME_AT = 50_000;
const END = 56_000;
const DELIVERY_MS = 120;

interface Trace {
  t: number;
  error: number;
  rate: number;
  /** Whether the correction was landing (just after a start or seek) at this instant. */
  landing: boolean;
}

const LANDING_EVENTS = new Set<string>(DISTURBANCE_EVENTS);

/**
 * `rateLagMs`: a rate change shows that late; `settle`: feed the settled error as the hook
 * does; `pingMs`: ping this often (the extension's first half minute) instead of the burst
 * and 12 s the estimator asks for.
 */
function run(
  seed: number,
  options: {
    rateLagMs?: number;
    settle?: boolean;
    pingMs?: number;
    config?: typeof DEFAULT_CORRECTION_CONFIG;
  } = {},
) {
  const random = seededRandom(seed);
  const player = new SimulatedPlayer(
    1.004,
    () => TRUE_SEEK_LATENCY_MS + (random() - 0.5) * 30,
    options.rateLagMs,
  );
  const settled = new SettledError();
  let settledSeq = -1;
  const guard = new EchoGuard();
  const seekLatency = new SeekLatencyEstimator();
  let clock: ClockOffsetState = initialClockState;
  const inFlight: { arriveAt: number; t0: number; serverTime: number }[] = [];
  let nextPingAt = 0;
  // The room: playing since server time −5 s at 0 s, then jumps around, then pauses.
  const timeline: [number, PlaybackState][] = [
    [0, { playing: true, position: 0, at: -5_000, rate: 1, seq: 1 }],
    ...JUMPS.map(([t, to], i): [number, PlaybackState] => [
      t,
      { playing: true, position: to, at: t, rate: 1, seq: i + 2 },
    ]),
    [PAUSE_AT, { playing: false, position: 905, at: PAUSE_AT, rate: 1, seq: JUMPS.length + 2 }],
    [RESUME_AT, { playing: true, position: 905, at: RESUME_AT, rate: 1, seq: JUMPS.length + 3 }],
  ];
  let pendingResidual: { compensation: number; until: number } | null = null;
  const trace: Trace[] = [];
  const seeks: number[] = [];
  let userEvents = 0;
  let disturbedAt = Number.NEGATIVE_INFINITY;

  for (let t = 0; t <= END; t += STEP_MS) {
    const local = t - CLOCK_OFFSET_MS;
    player.advance(STEP_MS, t);

    // Clock sync: pings go out when the estimator asks, pongs come back over a jittery path.
    if (t >= nextPingAt) {
      const up = 20 + exponential(random, 15);
      const down = 20 + exponential(random, 15);
      inFlight.push({ t0: local, serverTime: t + up, arriveAt: t + up + down });
      nextPingAt = Number.POSITIVE_INFINITY;
    }
    for (const pong of inFlight.filter((p) => p.arriveAt <= t)) {
      clock = addClockSample(clock, { t0: pong.t0, serverTime: pong.serverTime, t1: local });
      nextPingAt = t + (options.pingMs ?? nextPingDelay(clock));
    }
    inFlight.splice(0, inFlight.length, ...inFlight.filter((p) => p.arriveAt > t));

    // Every event the player fires was caused by us: none may look like the user's.
    const snapshot = {
      currentTime: player.currentTime,
      playbackRate: player.playbackRate,
      paused: player.paused,
    };
    for (const event of player.takeEvents()) {
      if (LANDING_EVENTS.has(event)) {
        disturbedAt = t;
        settled.reset();
      }
      if (!guard.consume(event, snapshot, local)) userEvents++;
    }
    const sinceDisturbanceSec = (t - disturbedAt) / 1000;

    // The truth is the room's newest state; the player only knows what has arrived.
    const truth = timeline.filter(([from]) => from <= t).at(-1)?.[1];
    const playback = timeline.filter(([from]) => from + DELIVERY_MS <= t).at(-1)?.[1];
    if (!truth || !playback) continue;
    trace.push({
      t,
      error: expectedPosition(truth, t) - player.position,
      rate: player.playbackRate,
      landing: sinceDisturbanceSec < DEFAULT_CORRECTION_CONFIG.landingSec + TICK_MS / 1000,
    });
    if (t % TICK_MS !== 0) continue;
    const estimate = estimateClockOffset(clock, local);
    if (!estimate?.ready) continue;

    const expected = expectedPosition(playback, serverNow(local, estimate.offset));
    if (pendingResidual && !player.seeking && t >= pendingResidual.until) {
      // Measured one tick after the seek landed: what is left is the latency we missed.
      seekLatency.recordResidual(pendingResidual.compensation, expected - player.currentTime);
      pendingResidual = null;
    }
    const steady = playback.playing && !player.seeking && !player.paused;
    if (playback.seq !== settledSeq || !steady || player.playbackRate !== playback.rate) {
      settled.reset();
      settledSeq = playback.seq;
    }
    if (options.settle && steady && player.playbackRate === playback.rate) {
      settled.add(t, expected - player.currentTime);
    }
    const decision = decideCorrection({
      expected,
      actual: player.currentTime,
      settledErrorSec: settled.value(t),
      playing: playback.playing,
      videoPlaying: !player.paused,
      videoBusy: player.seeking,
      sinceDisturbanceSec,
      currentRate: player.playbackRate,
      roomRate: playback.rate,
      seekLatencySec: seekLatency.estimateSec,
      config: options.config,
    });
    switch (decision.kind) {
      case 'seek':
        guard.expect('seek', { position: decision.to }, local);
        player.seek(decision.to, t);
        seeks.push(t);
        if (playback.playing && !player.paused) {
          pendingResidual = { compensation: decision.to - expected, until: t + TICK_MS };
        }
        break;
      case 'rate':
        guard.expect('ratechange', { rate: decision.rate }, local);
        player.setRate(decision.rate, t);
        break;
      case 'play':
        if (decision.from !== undefined) {
          guard.expect('seek', { position: decision.from }, local);
          player.seek(decision.from, t);
          seeks.push(t);
          pendingResidual = { compensation: decision.from - expected, until: t + TICK_MS };
        }
        guard.expect('play', {}, local);
        player.play(t);
        break;
      case 'pause':
        guard.expect('pause', {}, local);
        player.pause(t);
        break;
    }
  }
  return { trace, seeks, userEvents, seekLatency };
}

const worst = (trace: Trace[], from: number, to: number) =>
  Math.max(...trace.filter((p) => p.t >= from && p.t < to).map((p) => Math.abs(p.error)));

for (const seed of [1, 2, 3]) {
  test(`seed ${seed}: a fast player with slow seeks converges to < 30 ms and stays there`, () => {
    const { trace, seeks, userEvents, seekLatency } = run(seed);
    // Joining 5 s late: within 4 s of the start it is in sync, until the room jumps.
    expect(worst(trace, 4_000, JUMPS[0]?.[0] ?? 0)).toBeLessThan(0.03);
    // After each jump, in sync again within 2 s at the latest.
    for (const [i, [at]] of JUMPS.entries()) {
      expect(worst(trace, at + 2_000, JUMPS[i + 1]?.[0] ?? PAUSE_AT)).toBeLessThan(0.03);
    }
    // By the last jump the seek latency is learned: the seek itself lands within 30 ms
    // (once it has arrived, the next tick seeked and the ~180 ms seek is over).
    const [lastJump] = JUMPS.at(-1) ?? [0];
    expect(worst(trace, lastJump + DELIVERY_MS + TICK_MS + 250, PAUSE_AT)).toBeLessThan(0.03);
    expect(Math.abs(seekLatency.estimateSec - TRUE_SEEK_LATENCY_MS / 1000)).toBeLessThan(0.025);
    // Paused: the frame is where the room paused.
    expect(worst(trace, PAUSE_AT + 1_000, RESUME_AT)).toBeLessThan(0.03);
    // Resumed 120 ms before the player heard of it: it starts ahead by that, not behind.
    expect(worst(trace, RESUME_AT + 1_000, END + 1)).toBeLessThan(0.03);
    // No seek flapping: one to join, one per jump, at most one to land the pause, one to resume.
    expect(seeks.length).toBeGreaterThanOrEqual(1 + JUMPS.length);
    expect(seeks.length).toBeLessThanOrEqual(3 + JUMPS.length);
    // Every event the player fired was recognised as our own.
    expect(userEvents).toBe(0);
    // Nudges: within ±3 % once landed; the landing bound only within a tick of landingSec.
    const { maxRateDelta, landingRateDelta } = DEFAULT_CORRECTION_CONFIG;
    const deviation = (p: Trace) => Math.abs(p.rate - 1);
    const steady = trace.filter((p) => !p.landing);
    expect(Math.max(...steady.map(deviation))).toBeLessThanOrEqual(maxRateDelta + 1e-9);
    expect(Math.max(...trace.map(deviation))).toBeLessThanOrEqual(landingRateDelta + 1e-9);
  });
}

/**
 * A player `startErrorSec` behind (negative: ahead) and landing, corrected every 100 ms, as
 * headless Chromium moves (bench:sync traces): a rate shows 50 ms after it is set, leaving
 * rate 1 loses 17 ms of position, and going back either loses 2.5 ms or gains 7 (`exitGain`).
 * Returns where it ends and how far past the room it went.
 */
function chromiumLanding(
  startErrorSec: number,
  exitGain: number,
  config: typeof DEFAULT_CORRECTION_CONFIG,
) {
  let error = startErrorSec;
  let rate = 1;
  let shownBefore = 1;
  const set: { at: number; rate: number }[] = [];
  let overshoot = 0;
  for (let t = 0; t < 3_000; t += STEP_MS) {
    const shown = set.filter((s) => s.at <= t - 50).at(-1)?.rate ?? 1;
    if (shownBefore === 1 && shown !== 1) error += 0.017;
    if (shownBefore !== 1 && shown === 1) error -= exitGain;
    shownBefore = shown;
    error -= ((shown - 1) * STEP_MS) / 1000;
    overshoot = Math.max(overshoot, Math.sign(startErrorSec) * -error);
    if (t % TICK_MS !== 0) continue;
    const decision = decideCorrection({
      expected: 100,
      actual: 100 - error,
      playing: true,
      videoPlaying: true,
      sinceDisturbanceSec: t / 1000,
      currentRate: rate,
      roomRate: 1,
      config,
    });
    if (decision.kind === 'rate') {
      rate = decision.rate;
      set.push({ at: t, rate });
    }
  }
  return { error, overshoot };
}

test('nudges sized for the entry loss and aimed for the exit end closer (Chromium model)', () => {
  const blind = {
    ...DEFAULT_CORRECTION_CONFIG,
    rateEntryLossSec: 0,
    rateExitGainSec: 0,
    rateLagSec: 0,
  };
  let worstBlind = 0;
  let worst = 0;
  for (const start of [0.03, 0.08, -0.03, -0.06]) {
    for (const exitGain of [-0.0025, 0.007]) {
      const before = chromiumLanding(start, exitGain, blind);
      const after = chromiumLanding(start, exitGain, DEFAULT_CORRECTION_CONFIG);
      worstBlind = Math.max(worstBlind, Math.abs(before.error), before.overshoot);
      worst = Math.max(worst, Math.abs(after.error), after.overshoot);
    }
  }
  // Blind to entry and exit a landing ends up to 7.6 ms off; aimed, within ±6.3 (the exit
  // alone spreads 9.5 ms, the 1.5 ms release distance adds to it).
  expect(worstBlind).toBeGreaterThan(0.007);
  expect(worst).toBeLessThan(0.0065);
});
