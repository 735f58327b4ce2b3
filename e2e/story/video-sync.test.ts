/** The story's yardstick for "everyone is at the same moment", checked without browsers. */
import { describe, expect, test } from 'bun:test';
import { compareSamples, positionAt, syncProblem, type VideoSample } from './video-sync.ts';

const playing = (currentTime: number, sampledAt: number, playbackRate = 1): VideoSample => ({
  paused: false,
  currentTime,
  playbackRate,
  sampledAt,
});
const paused = (currentTime: number, sampledAt: number): VideoSample => ({
  paused: true,
  currentTime,
  playbackRate: 1,
  sampledAt,
});

describe('positionAt', () => {
  test('a playing video moves on at its rate; a paused one stays', () => {
    expect(positionAt(playing(10, 1_000), 3_000)).toBe(12);
    expect(positionAt(playing(10, 1_000, 1.05), 3_000)).toBeCloseTo(12.1, 10);
    expect(positionAt(paused(10, 1_000), 3_000)).toBe(10);
  });
});

describe('compareSamples', () => {
  test('players read 200 ms apart but in step agree at the latest instant', () => {
    const agreement = compareSamples([playing(20, 5_000), playing(20.2, 5_200)]);
    expect(agreement.at).toBe(5_200);
    expect(agreement.positions).toEqual([20.2, 20.2]);
    expect(agreement.gap).toBeCloseTo(0, 10);
    expect(agreement.allPlaying).toBe(true);
    expect(agreement.allPaused).toBe(false);
  });

  test('a player that lags shows as a gap', () => {
    const agreement = compareSamples([playing(20, 5_000), playing(19.4, 5_000)]);
    expect(agreement.gap).toBeCloseTo(0.6, 10);
  });

  test('no samples is an error, not a silent agreement', () => {
    expect(() => compareSamples([])).toThrow('no samples');
  });
});

describe('syncProblem', () => {
  const together = compareSamples([playing(30, 10_000), playing(30.1, 10_000)]);

  test('players within tolerance and in the expected state are fine', () => {
    expect(syncProblem(together, { playing: true, toleranceSec: 0.5 })).toBeNull();
  });

  test('a wrong play state or a large gap is named', () => {
    expect(syncProblem(together, { playing: false, toleranceSec: 0.5 })).toBe(
      'not everyone is paused',
    );
    const mixed = compareSamples([playing(30, 10_000), paused(30, 10_000)]);
    expect(syncProblem(mixed, { playing: true, toleranceSec: 0.5 })).toBe(
      'not everyone is playing',
    );
    expect(syncProblem(together, { playing: true, toleranceSec: 0.05 })).toBe(
      'positions differ by 0.100 s',
    );
  });

  test('after a seek everyone must be between the target and where playback took it', () => {
    // Seeked to 30 s at t=8 s: at t=10 s the film is at 30–32 s, give or take tolerance.
    const from = { position: 30, at: 8_000 };
    expect(syncProblem(together, { playing: true, toleranceSec: 0.5, from })).toBeNull();
    const stayedBehind = compareSamples([playing(12, 10_000), playing(12.1, 10_000)]);
    expect(syncProblem(stayedBehind, { playing: true, toleranceSec: 0.5, from })).toBe(
      'position 12.000 s is outside 30.0–32.0 s',
    );
    const ranAhead = compareSamples([playing(33, 10_000), playing(33.1, 10_000)]);
    expect(syncProblem(ranAhead, { playing: true, toleranceSec: 0.5, from })).toMatch(/outside/);
  });

  test('paused players must still be at the position they paused at', () => {
    const still = compareSamples([paused(30.2, 10_000), paused(30.2, 10_000)]);
    const from = { position: 30, at: 8_000 };
    expect(syncProblem(still, { playing: false, toleranceSec: 0.5, from })).toBeNull();
    const moved = compareSamples([paused(31, 10_000), paused(31, 10_000)]);
    expect(syncProblem(moved, { playing: false, toleranceSec: 0.5, from })).toMatch(/outside/);
  });
});
