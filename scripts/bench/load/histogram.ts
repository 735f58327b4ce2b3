/**
 * A mergeable latency histogram: log-spaced buckets with ~1% relative precision, so
 * client workers can record millions of samples in constant memory and the orchestrator
 * can add their histograms up before taking percentiles.
 */

/** Bucket i holds values (in ms) up to `upperBound(i)`; 1.01 = 1% relative width. */
const GROWTH = 1.01;
const LOG_GROWTH = Math.log(GROWTH);
/** Resolution floor: values are recorded in microseconds. */
const UNIT_MS = 0.001;

export interface Histogram {
  /** bucket index → sample count (sparse, JSON-friendly for IPC). */
  buckets: Record<number, number>;
  count: number;
  sum: number;
  min: number;
  max: number;
}

export function emptyHistogram(): Histogram {
  return { buckets: {}, count: 0, sum: 0, min: Number.POSITIVE_INFINITY, max: 0 };
}

export function bucketOf(valueMs: number): number {
  const units = Math.max(0, valueMs) / UNIT_MS;
  return Math.floor(Math.log1p(units) / LOG_GROWTH);
}

/** The largest value (ms) that falls into bucket `index`. */
export function upperBound(index: number): number {
  return Math.expm1((index + 1) * LOG_GROWTH) * UNIT_MS;
}

export function record(histogram: Histogram, valueMs: number): void {
  const index = bucketOf(valueMs);
  histogram.buckets[index] = (histogram.buckets[index] ?? 0) + 1;
  histogram.count += 1;
  histogram.sum += valueMs;
  if (valueMs < histogram.min) histogram.min = valueMs;
  if (valueMs > histogram.max) histogram.max = valueMs;
}

export function merge(histograms: readonly Histogram[]): Histogram {
  const total = emptyHistogram();
  for (const h of histograms) {
    for (const [index, n] of Object.entries(h.buckets)) {
      const i = Number(index);
      total.buckets[i] = (total.buckets[i] ?? 0) + n;
    }
    total.count += h.count;
    total.sum += h.sum;
    total.min = Math.min(total.min, h.min);
    total.max = Math.max(total.max, h.max);
  }
  return total;
}

/**
 * The value at quantile q (0…1), nearest-rank: the smallest bucket bound with at least
 * q·count samples at or below it, clamped to the exact min/max. NaN when empty.
 */
export function quantile(histogram: Histogram, q: number): number {
  if (histogram.count === 0) return Number.NaN;
  const rank = Math.max(1, Math.ceil(q * histogram.count));
  const indices = Object.keys(histogram.buckets)
    .map(Number)
    .sort((a, b) => a - b);
  let seen = 0;
  for (const index of indices) {
    seen += histogram.buckets[index] ?? 0;
    if (seen >= rank) {
      return Math.min(histogram.max, Math.max(histogram.min, upperBound(index)));
    }
  }
  return histogram.max;
}

export function mean(histogram: Histogram): number {
  return histogram.count === 0 ? Number.NaN : histogram.sum / histogram.count;
}
