import { describe, expect, test } from 'bun:test';
import {
  firstAt,
  nextAction,
  nextAt,
  nextSaturatedSend,
  pickMember,
  roomSizes,
  seededRandom,
  splitRooms,
} from './schedule.ts';

describe('rate schedule', () => {
  test('the seeded generator is repeatable and stays in [0, 1)', () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    const values = Array.from({ length: 1000 }, () => a());
    expect(values).toEqual(Array.from({ length: 1000 }, () => b()));
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
    expect(seededRandom(43)()).not.toBe(values[0]);
  });

  test('intervals average the mean and stay within ±50%', () => {
    const rng = seededRandom(7);
    let t = 0;
    let min = Number.POSITIVE_INFINITY;
    let max = 0;
    const n = 20_000;
    for (let i = 0; i < n; i++) {
      const next = nextAt(t, 3_000, rng);
      min = Math.min(min, next - t);
      max = Math.max(max, next - t);
      t = next;
    }
    expect(t / n).toBeGreaterThan(2_950);
    expect(t / n).toBeLessThan(3_050);
    expect(min).toBeGreaterThanOrEqual(1_500);
    expect(max).toBeLessThan(4_500);
  });

  test('first events spread over one interval', () => {
    const rng = seededRandom(1);
    const firsts = Array.from({ length: 500 }, () => firstAt(1_000, 10_000, rng));
    expect(Math.min(...firsts)).toBeGreaterThanOrEqual(1_000);
    expect(Math.max(...firsts)).toBeLessThan(11_000);
    expect(Math.max(...firsts) - Math.min(...firsts)).toBeGreaterThan(9_000);
  });

  test('a playing film gets paused or sought, a paused one played or sought', () => {
    const rng = seededRandom(3);
    const whenPlaying = new Set(Array.from({ length: 200 }, () => nextAction(true, rng)));
    const whenPaused = new Set(Array.from({ length: 200 }, () => nextAction(false, rng)));
    expect([...whenPlaying].sort()).toEqual(['pause', 'seek']);
    expect([...whenPaused].sort()).toEqual(['play', 'seek']);
  });

  test('members are picked within the room', () => {
    const rng = seededRandom(9);
    const picked = new Set(Array.from({ length: 500 }, () => pickMember(5, rng)));
    expect([...picked].sort()).toEqual([0, 1, 2, 3, 4]);
    expect(pickMember(1, () => 0.999_999)).toBe(0);
  });

  test('saturation never lets a connection send faster than its gap', () => {
    expect(nextSaturatedSend(1_000, 900, 250)).toBe(1_150);
    expect(nextSaturatedSend(1_000, 500, 250)).toBe(1_000);
  });

  test('connections are cut into rooms of five and rooms dealt to workers', () => {
    expect(roomSizes(12, 5)).toEqual([5, 5, 2]);
    expect(roomSizes(5_000, 5)).toHaveLength(1_000);
    expect(splitRooms(5, 2)).toEqual([
      [0, 2, 4],
      [1, 3],
    ]);
    expect(splitRooms(1, 3)).toEqual([[0]]);
  });
});
