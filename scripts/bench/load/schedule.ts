/**
 * When each simulated room speaks. Pure: the clock and the random source are passed in,
 * so the same seed gives the same load and tests need no timers.
 */

import type { Rng } from '@kino/shared/seeded-random';

export { type Rng, seededRandom } from '@kino/shared/seeded-random';

/** Realistic rates per room of five (stated in the report). */
export interface RoomRates {
  /** Mean time between chat lines in a room. */
  chatEveryMs: number;
  /** Mean time between playback commands (play / pause / seek) in a room. */
  commandEveryMs: number;
}

export const REALISTIC_RATES: RoomRates = { chatEveryMs: 3_000, commandEveryMs: 10_000 };

/** A connection sends at most 4 chat lines a second in saturation (the hub allows 5). */
export const SATURATION_GAP_MS = 250;

/**
 * Deliveries a second with every connection sending at that pace: the most the clients ask of
 * any target at saturation. A target that shows about this much ran at the clients' cap, not at
 * its own: its capacity is higher, by how much this run cannot tell.
 */
export const saturationCap = (connections: number, roomSize: number) =>
  connections * (1_000 / SATURATION_GAP_MS) * (roomSize - 1);

/**
 * First event of a room: uniformly somewhere in the first interval, so a thousand rooms
 * do not all speak in the same millisecond.
 */
export function firstAt(start: number, meanMs: number, rng: Rng): number {
  return start + rng() * meanMs;
}

/** Next event: the mean interval with ±50% uniform jitter (mean stays `meanMs`). */
export function nextAt(previous: number, meanMs: number, rng: Rng): number {
  return previous + meanMs * (0.5 + rng());
}

export type PlaybackAction = 'play' | 'pause' | 'seek';

/**
 * What a member does to the film: mostly toggles play/pause, sometimes seeks — the mix a
 * watch party produces (a seek every third command or so).
 */
export function nextAction(playing: boolean, rng: Rng): PlaybackAction {
  if (rng() < 0.3) return 'seek';
  return playing ? 'pause' : 'play';
}

/** Which of a room's members sends next (uniform). */
export function pickMember(size: number, rng: Rng): number {
  return Math.min(size - 1, Math.floor(rng() * size));
}

/**
 * Saturation phase: a room keeps one message in flight; the next goes out once the last
 * one reached everyone, but a connection sends at most once per `minGapMs` (under the
 * hub's chat rate limit) — members take turns, so a room's ceiling is size / minGapMs.
 */
export function nextSaturatedSend(now: number, memberLastSentAt: number, minGapMs: number): number {
  return Math.max(now, memberLastSentAt + minGapMs);
}

/** Connections split over rooms of `size`: the last room may be smaller. */
export function roomSizes(connections: number, size: number): number[] {
  const sizes: number[] = [];
  for (let left = connections; left > 0; left -= size) sizes.push(Math.min(size, left));
  return sizes;
}

/** Rooms dealt to `workers` client processes round-robin, as index lists. */
export function splitRooms(roomCount: number, workers: number): number[][] {
  const parts: number[][] = Array.from({ length: Math.max(1, workers) }, () => []);
  for (let i = 0; i < roomCount; i++) parts[i % parts.length]!.push(i);
  return parts.filter((p) => p.length > 0);
}
