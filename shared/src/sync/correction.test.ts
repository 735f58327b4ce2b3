import { describe, expect, test } from 'bun:test';
import {
  DEFAULT_CORRECTION_CONFIG as C,
  type CorrectionInput,
  decideCorrection,
} from './correction.ts';

/** A playing room and player at the same spot; each test changes what it is about. */
const base: CorrectionInput = {
  expected: 100,
  actual: 100,
  playing: true,
  videoPlaying: true,
  currentRate: 1,
  roomRate: 1,
  seekLatencySec: 0.15,
};

const decide = (change: Partial<CorrectionInput>) => decideCorrection({ ...base, ...change });

/** Rates come out of floating-point arithmetic: compare them to 1e-9. */
function expectRate(decision: ReturnType<typeof decideCorrection>, rate: number): void {
  if (decision.kind !== 'rate') throw new Error(`expected a rate nudge, got ${decision.kind}`);
  expect(decision.rate).toBeCloseTo(rate, 9);
}

describe('while the room plays', () => {
  test('in sync, or inside the dead band: nothing', () => {
    expect(decide({})).toEqual({ kind: 'none' });
    expect(decide({ actual: 100 - C.deadBandSec * 0.9 })).toEqual({ kind: 'none' });
    expect(decide({ actual: 100 + C.deadBandSec * 0.9 })).toEqual({ kind: 'none' });
  });

  test('behind by a little: speeds up, proportionally to the error the start will leave', () => {
    const loss = C.rateEntryLossSec - C.rateExitGainSec; // what starting one costs, net
    const landing = { sinceDisturbanceSec: 0.5 }; // steady nudges this small are at the cap
    const small = decide({ ...landing, actual: 99.988 }); // 12 ms behind
    const larger = decide({ ...landing, actual: 99.986 }); // 14 ms behind
    expectRate(small, 1 + (0.012 + loss) / C.landingConvergeSec);
    expectRate(decide({ actual: 99.988 }), 1 + C.maxRateDelta);
    if (small.kind !== 'rate' || larger.kind !== 'rate') throw new Error('expected rate nudges');
    expect(larger.rate - 1).toBeCloseTo(((0.014 + loss) / (0.012 + loss)) * (small.rate - 1), 9);
  });

  test('ahead: slows down by what the start leaves; about the loss ahead, the start is it', () => {
    expectRate(decide({ actual: 100.05 }), 1 - C.maxRateDelta);
    expectRate(
      decide({ actual: 100.025 }),
      1 - (0.025 - C.rateEntryLossSec + C.rateExitGainSec) / C.convergeSec,
    );
    // 11 ms ahead: starting loses 17, so it speeds up a little to land the rest.
    const net = C.rateEntryLossSec - C.rateExitGainSec;
    expectRate(decide({ actual: 100.011 }), 1 + (net - 0.011) / C.convergeSec);
    // As far ahead as the start loses: the smallest step, only to start.
    const start = decide({ actual: 100 + net });
    if (start.kind !== 'rate') throw new Error('expected the smallest nudge');
    expect(Math.abs(start.rate - 1)).toBeCloseTo(C.minRateStep, 9);
  });

  test('steady: every nudge stays within ±maxRateDelta (3 %), however large the error', () => {
    expect(C.maxRateDelta).toBeLessThanOrEqual(0.03);
    const justBelowSeek = C.seekThresholdSec - 0.001;
    expectRate(decide({ actual: 100 - justBelowSeek }), 1 + C.maxRateDelta);
    expectRate(decide({ actual: 100 + justBelowSeek }), 1 - C.maxRateDelta);
    expectRate(decide({ actual: 99.9, sinceDisturbanceSec: C.landingSec }), 1 + C.maxRateDelta);
  });

  test('landing: right after a start, seek or stall it converges faster, within its own bound', () => {
    const landing = { sinceDisturbanceSec: C.landingSec / 2 };
    expectRate(
      decide({ ...landing, actual: 99.985 }),
      1 + (0.015 + C.rateEntryLossSec - C.rateExitGainSec) / C.landingConvergeSec,
    );
    expect(C.landingConvergeSec).toBeLessThan(C.convergeSec);
    const justBelowSeek = C.seekThresholdSec - 0.001;
    expectRate(decide({ ...landing, actual: 100 - justBelowSeek }), 1 + C.landingRateDelta);
    expectRate(decide({ ...landing, actual: 100 + justBelowSeek }), 1 - C.landingRateDelta);
  });

  test('a landing nudge beyond the steady bound is brought inside it once landing is over', () => {
    const left = 1 + C.maxRateDelta + C.minRateStep / 2; // a step too small to be worth it…
    expectRate(decide({ actual: 99.9, currentRate: left }), 1 + C.maxRateDelta); // …but due
    expectRate(decide({ actual: 100.1, currentRate: 1.1 }), 1 - C.maxRateDelta);
  });

  test('the nudge is relative to the room rate', () => {
    expectRate(
      decide({ actual: 100 - C.seekThresholdSec + 0.001, roomRate: 1.5, currentRate: 1.5 }),
      1.5 * (1 + C.maxRateDelta),
    );
  });

  test('hysteresis: a running nudge continues inside the dead band until the release point', () => {
    const nudging = { currentRate: 1.02 };
    const inside = 100 - (C.deadBandSec + C.releaseSec) / 2;
    // Inside the dead band: a steady player does nothing, a nudging one keeps correcting.
    expect(decide({ actual: inside })).toEqual({ kind: 'none' });
    // The running 2 % shows 50 ms late; it aims where the exit will leave it.
    const predicted = 100 - inside - 0.02 * C.rateLagSec - C.rateExitGainSec;
    expectRate(decide({ ...nudging, actual: inside }), 1 + predicted / C.convergeSec);
    // Within the release distance it returns to the room rate, exactly.
    const released = 100 - 0.02 * C.rateLagSec - C.rateExitGainSec - C.releaseSec / 2;
    expect(decide({ ...nudging, actual: released })).toEqual({
      kind: 'rate',
      rate: 1,
    });
  });

  test('tiny rate changes are not worth an event', () => {
    // At +2.4 % this error asks for 2.4 % again: a step of a tenth of minRateStep is skipped.
    const error = 0.024 * (C.convergeSec + C.rateLagSec) + C.rateExitGainSec;
    const currentRate = 1.024 + C.minRateStep / 10;
    expect(decide({ actual: 100 - error, currentRate })).toEqual({ kind: 'none' });
  });

  test('a running nudge is judged by the error predicted once its rate shows', () => {
    // 9 ms behind at +15 % while landing: 7.5 ms of that is already on its way, and the
    // exit back to rate 1 gains 2.3 ms more on average: released.
    const landing = { sinceDisturbanceSec: 0.5, currentRate: 1.15 };
    expect(decide({ ...landing, actual: 99.991 })).toEqual({ kind: 'rate', rate: 1 });
    // 20 ms behind: 20 − 7.5 − 2.3 left to take out, at the landing time constant.
    const left = 0.02 - 0.15 * C.rateLagSec - C.rateExitGainSec;
    expectRate(decide({ ...landing, actual: 99.98 }), 1 + left / C.landingConvergeSec);
  });

  test('landed: a stray reading beyond the dead band does not start a nudge', () => {
    // Inside the dead band nothing starts, whatever has settled.
    expect(decide({ actual: 99.994, settledErrorSec: 0.006 })).toEqual({ kind: 'none' });
    // Beyond it, the settled (median) error must agree once it is known…
    expect(decide({ actual: 99.975, settledErrorSec: 0.001 })).toEqual({ kind: 'none' });
    expectRate(decide({ actual: 99.988, settledErrorSec: 0.02 }), 1 + C.maxRateDelta);
    expect(decide({ actual: 99.975 }).kind).toBe('rate');
    // …but not while landing: the error a start leaves is real.
    expect(decide({ actual: 99.975, settledErrorSec: 0.001, sinceDisturbanceSec: 0.5 }).kind).toBe(
      'rate',
    );
  });

  test('a large error seeks, ahead by the seek latency', () => {
    expect(decide({ actual: 90 })).toEqual({ kind: 'seek', to: 100.15 });
    expect(decide({ actual: 100 + C.seekThresholdSec + 0.01 })).toEqual({
      kind: 'seek',
      to: 100.15,
    });
    // At double speed the film runs twice as far during the seek.
    expect(decide({ actual: 90, roomRate: 2, currentRate: 2 })).toEqual({
      kind: 'seek',
      to: 100.3,
    });
  });

  test('seek targets stay inside the film', () => {
    expect(decide({ expected: 119.95, actual: 60, durationSec: 120 })).toEqual({
      kind: 'seek',
      to: 120,
    });
  });

  test('a paused player close to the room just starts', () => {
    expect(decide({ videoPlaying: false, actual: 99.99 })).toEqual({ kind: 'play' });
    expect(decide({ videoPlaying: false, actual: 100 - C.startToleranceSec + 0.001 })).toEqual({
      kind: 'play',
    });
  });

  test('a paused player behind by the delivery delay seeks ahead and plays in one step', () => {
    // The room started 120 ms ago where this player stands.
    expect(decide({ videoPlaying: false, actual: 99.88 })).toEqual({ kind: 'play', from: 100.15 });
    expect(decide({ videoPlaying: false, actual: 50 })).toEqual({ kind: 'play', from: 100.15 });
  });

  test('errors between the old 0.4 s and the seek threshold are now seeks', () => {
    expect(decide({ actual: 100 - C.seekThresholdSec - 0.01 })).toEqual({
      kind: 'seek',
      to: 100.15,
    });
    expect(C.seekThresholdSec).toBeLessThanOrEqual(0.2);
  });

  test('while seeking or buffering the position means nothing: wait', () => {
    expect(decide({ videoBusy: true, actual: 50 })).toEqual({ kind: 'none' });
    expect(decide({ videoBusy: true, actual: 99.95 })).toEqual({ kind: 'none' });
  });
});

describe('while the room is paused', () => {
  const paused = { playing: false, videoPlaying: false };

  test('a playing player is paused', () => {
    expect(decide({ playing: false, videoPlaying: true })).toEqual({ kind: 'pause' });
    expect(decide({ playing: false, videoPlaying: true, videoBusy: true })).toEqual({
      kind: 'pause',
    });
  });

  test('off position: seeks exactly, no latency compensation (nothing moves)', () => {
    expect(decide({ ...paused, actual: 99.9 })).toEqual({ kind: 'seek', to: 100 });
    expect(decide({ ...paused, actual: 100 - C.pausedToleranceSec / 2 })).toEqual({ kind: 'none' });
  });

  test('a leftover nudge is reset to the room rate', () => {
    expect(decide({ ...paused, currentRate: 1.002 })).toEqual({ kind: 'rate', rate: 1 });
  });
});
