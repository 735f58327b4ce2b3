/** Random numbers in [0, 1). */
export type Rng = () => number;

/**
 * A small seeded generator (mulberry32): the sync tests and both benchmarks repeat a run
 * exactly — the same load, actions and jitter — when given the same seed.
 */
export function seededRandom(seed: number): Rng {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
