import { expect, test } from 'bun:test';
import type { PlaybackState } from '../types.ts';
import { expectedPosition, serverNow } from './playback-math.ts';

const at = 1_764_000_000_000;
const playing: PlaybackState = { playing: true, position: 100, at, rate: 1, seq: 3 };

test('serverNow adds the offset to the local clock', () => {
  expect(serverNow(1_000, 250.5)).toBe(1_250.5);
  expect(serverNow(1_000, -300)).toBe(700);
});

test('while playing, the position advances with server time and rate', () => {
  expect(expectedPosition(playing, at)).toBe(100);
  expect(expectedPosition(playing, at + 2_500)).toBe(102.5);
  expect(expectedPosition({ ...playing, rate: 1.5 }, at + 2_000)).toBe(103);
});

test('while paused, the position stays where it was', () => {
  expect(expectedPosition({ ...playing, playing: false }, at + 60_000)).toBe(100);
});

test('the position is clamped to the film', () => {
  expect(expectedPosition(playing, at + 60_000, 120)).toBe(120);
  expect(expectedPosition({ ...playing, position: 0.5 }, at - 2_000)).toBe(0);
  // An unknown (NaN) duration, as <video> reports before metadata, does not clamp.
  expect(expectedPosition(playing, at + 60_000, Number.NaN)).toBe(160);
});
