/** Deterministic randomness for the sync tests: same seed, same run. */
export { seededRandom } from '../seeded-random.ts';

/** Exponentially distributed delay (ms) with the given mean: network queueing jitter. */
export function exponential(random: () => number, mean: number): number {
  return -mean * Math.log(1 - random());
}
