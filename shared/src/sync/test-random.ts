/** Deterministic randomness for the sync tests (mulberry32): same seed, same run. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Exponentially distributed delay (ms) with the given mean: network queueing jitter. */
export function exponential(random: () => number, mean: number): number {
  return -mean * Math.log(1 - random());
}
