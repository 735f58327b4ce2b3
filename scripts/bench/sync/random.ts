/** The sync benchmark's random helpers, on the shared seeded generator (`--seed`). */
import type { Rng } from '@kino/shared/seeded-random';

export type Random = Rng;
export { seededRandom } from '@kino/shared/seeded-random';

/** A uniform number in [min, max). */
export function uniform(random: Random, min: number, max: number): number {
  return min + (max - min) * random();
}

/** One element of a non-empty list. */
export function pick<T>(random: Random, items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error('pick() needs a non-empty list');
  return item;
}
