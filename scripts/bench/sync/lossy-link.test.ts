import { describe, expect, test } from 'bun:test';
import { createLossySchedule, DEFAULT_LOSS } from './lossy-link.ts';
import { seededRandom } from './random.ts';

const LATENCY = { meanMs: 80, jitterMs: 30 };

describe('createLossySchedule', () => {
  test('about 1 % of chunks are held for a retransmission timeout, never reordered', () => {
    const schedule = createLossySchedule(
      LATENCY,
      { ...DEFAULT_LOSS, stallEveryMs: 1e12 },
      seededRandom(3),
    );
    let previous = Number.NEGATIVE_INFINITY;
    const delays: number[] = [];
    for (let i = 0; i < 20_000; i++) {
      const receivedAt = i * 500; // far apart: each delay is the chunk's own
      const release = schedule.releaseAt(receivedAt);
      expect(release).toBeGreaterThanOrEqual(previous);
      previous = release;
      delays.push(release - receivedAt);
    }
    const held = delays.filter((d) => d > 110);
    expect(schedule.stats.lost).toBe(held.length);
    expect(held.length / delays.length).toBeGreaterThan(0.007);
    expect(held.length / delays.length).toBeLessThan(0.013);
    expect(Math.min(...held)).toBeGreaterThanOrEqual(50 + 200);
    expect(Math.max(...held)).toBeLessThanOrEqual(110 + 300);
    expect(schedule.stats.stalls).toBe(0);
  });

  test('a lost chunk holds everything behind it on the link', () => {
    const schedule = createLossySchedule(
      LATENCY,
      { ...DEFAULT_LOSS, lossRate: 0.5, stallEveryMs: 1e12 },
      seededRandom(5),
    );
    const releases = Array.from({ length: 200 }, (_, i) => schedule.releaseAt(i * 10));
    // Chunks 10 ms apart: a held one (≥ 250 ms) makes the following ones wait for it.
    const waits = releases.map((r, i) => r - i * 10);
    const firstHeld = waits.findIndex((w) => w >= 250);
    expect(firstHeld).toBeGreaterThanOrEqual(0);
    expect(releases[firstHeld + 1]).toBeGreaterThanOrEqual(releases[firstHeld] ?? 0);
    expect(waits[firstHeld + 1]).toBeGreaterThan(200);
  });

  test('stalls of 300 ms come about once per stallEveryMs and hold the link', () => {
    const schedule = createLossySchedule(
      LATENCY,
      { ...DEFAULT_LOSS, lossRate: 0 },
      seededRandom(9),
    );
    const delays: number[] = [];
    for (let t = 0; t < 2_000_000; t += 100) delays.push(schedule.releaseAt(t) - t);
    // 2 000 s at one stall per 20 s on average.
    expect(schedule.stats.stalls).toBeGreaterThan(70);
    expect(schedule.stats.stalls).toBeLessThan(135);
    expect(Math.max(...delays)).toBeLessThanOrEqual(300 + 110 + 1);
    expect(delays.filter((d) => d > 250).length).toBeGreaterThan(schedule.stats.stalls / 2);
  });

  test('the same seed gives the same link', () => {
    const run = () => {
      const s = createLossySchedule(LATENCY, DEFAULT_LOSS, seededRandom(11));
      return Array.from({ length: 500 }, (_, i) => s.releaseAt(i * 37));
    };
    expect(run()).toEqual(run());
  });

  test('refuses a nonsensical model', () => {
    expect(() =>
      createLossySchedule(LATENCY, { ...DEFAULT_LOSS, lossRate: 1 }, seededRandom(1)),
    ).toThrow();
  });
});
