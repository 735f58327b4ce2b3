import { expect, test } from 'bun:test';
import { SeekLanding } from './seek-landing.ts';

const tick = (at: number, position: number, expected: number, rate = 1) => ({
  at,
  seq: 4,
  expected,
  position,
  rate,
  roomRate: 1,
});

test('read on the first tick the video moves, so the wait before it moves counts', () => {
  const landing = new SeekLanding();
  // Seeked 0.1 s ahead to 10.1 at t = 0; the seek took 60 ms, then the frame held 80 ms.
  landing.start(0.1, 4);
  expect(landing.observe(tick(100, 10.1, 10.1))).toBeNull(); // not busy, still
  expect(landing.waiting).toBe(true);
  // Moving since t = 140: at 200 it is at 10.16, the room at 10.2.
  const reading = landing.observe(tick(200, 10.16, 10.2));
  expect(reading?.compensationSec).toBe(0.1);
  expect(reading?.residualSec).toBeCloseTo(0.04, 9); // the seek cost 0.14 s, not 0.1
  expect(landing.waiting).toBe(false);
  expect(landing.observe(tick(300, 10.26, 10.3))).toBeNull();
});

test('what a running nudge added is not taken for a shorter latency', () => {
  const landing = new SeekLanding();
  landing.start(0.1, 4);
  landing.observe(tick(100, 10.1, 10.1));
  // A nudge to 1.15 set at 100 ms: moved 0.1 × 1.15 in the 100 ms, 15 ms of it the nudge.
  const reading = landing.observe(tick(200, 10.215, 10.2, 1.15));
  expect(reading?.residualSec).toBeCloseTo(-0.015 + 0.015, 9);
});

test('a newer room state, or a video that never moves, drops the reading', () => {
  const landing = new SeekLanding();
  landing.start(0.1, 4);
  expect(landing.observe({ ...tick(100, 10.1, 10.1), seq: 5 })).toBeNull();
  expect(landing.waiting).toBe(false);
  landing.start(0.1, 4);
  landing.observe(tick(0, 10.1, 10.1));
  expect(landing.observe(tick(1600, 10.1, 11.7))).toBeNull();
  expect(landing.waiting).toBe(false);
});
