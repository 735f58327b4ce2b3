import { describe, expect, test } from 'bun:test';
import { createJitterSchedule } from './jitter.ts';
import { seededRandom } from './random.ts';

describe('createJitterSchedule', () => {
  test('each delay stays within mean ± jitter when chunks are far apart', () => {
    const schedule = createJitterSchedule({ meanMs: 80, jitterMs: 30 }, seededRandom(1));
    const delays: number[] = [];
    for (let i = 0; i < 500; i++) {
      const receivedAt = i * 1000;
      delays.push(schedule.releaseAt(receivedAt) - receivedAt);
    }
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(50);
    expect(Math.max(...delays)).toBeLessThanOrEqual(110);
    // Really jittered, and centred on the mean.
    expect(Math.max(...delays) - Math.min(...delays)).toBeGreaterThan(50);
    const mean = delays.reduce((a, b) => a + b, 0) / delays.length;
    expect(Math.abs(mean - 80)).toBeLessThan(5);
  });

  test('release times never go backwards, so byte order is kept', () => {
    const schedule = createJitterSchedule({ meanMs: 80, jitterMs: 30 }, seededRandom(7));
    let previous = Number.NEGATIVE_INFINITY;
    let held = 0;
    for (let i = 0; i < 1000; i++) {
      const receivedAt = i * 2; // much faster than the jitter
      const release = schedule.releaseAt(receivedAt);
      expect(release).toBeGreaterThanOrEqual(previous);
      expect(release - receivedAt).toBeGreaterThanOrEqual(50);
      if (release - receivedAt > 110) held++;
      previous = release;
    }
    expect(held).toBe(0); // a chunk waits only for earlier ones, which are at most 110 ms late
  });

  test('the same seed gives the same schedule', () => {
    const a = createJitterSchedule({ meanMs: 80, jitterMs: 30 }, seededRandom(3));
    const b = createJitterSchedule({ meanMs: 80, jitterMs: 30 }, seededRandom(3));
    for (let i = 0; i < 20; i++) expect(a.releaseAt(i * 100)).toBe(b.releaseAt(i * 100));
  });

  test('no latency passes chunks at once', () => {
    const schedule = createJitterSchedule({ meanMs: 0, jitterMs: 0 }, seededRandom(1));
    expect(schedule.releaseAt(42)).toBe(42);
  });

  test('rejects jitter larger than the mean (negative delays)', () => {
    expect(() => createJitterSchedule({ meanMs: 10, jitterMs: 30 }, seededRandom(1))).toThrow(
      /jitter/,
    );
  });
});
