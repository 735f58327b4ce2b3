/**
 * The heat strip's numbers: reactions counted into TIMELINE_BINS equal bins over the film,
 * each bin with its dominant emoji, and the peaks a member can jump to. Pure and bounded:
 * the server hands in per-(bin, emoji) counts (at most bins × emoji rows), the client adds
 * live reactions one at a time.
 */
import { REACTIONS, type Reaction } from '../protocol/primitives.ts';
import { type Histogram, type HistogramBin, TIMELINE_BINS } from './schema.ts';

/** The bin of a film position; positions past the end count in the last bin. */
export function binIndex(position: number, duration: number, bins = TIMELINE_BINS): number {
  if (!(duration > 0) || !(position > 0)) return 0;
  return Math.min(bins - 1, Math.floor((position / duration) * bins));
}

/** Film time where bin `index` starts (s). */
export function binStart(index: number, duration: number, bins = TIMELINE_BINS): number {
  return (index / bins) * duration;
}

export interface BinCount {
  bin: number;
  emoji: Reaction;
  count: number;
}

const emojiRank = (emoji: Reaction) => REACTIONS.indexOf(emoji);

/** The emoji with the highest count; ties go to the earlier one in REACTIONS (stable). */
function dominant(counts: Map<Reaction, number>): Reaction | null {
  let best: Reaction | null = null;
  let bestCount = 0;
  for (const [emoji, count] of counts) {
    const better =
      count > bestCount ||
      (count === bestCount && best !== null && emojiRank(emoji) < emojiRank(best));
    if (better && count > 0) {
      best = emoji;
      bestCount = count;
    }
  }
  return best;
}

/** Folds per-(bin, emoji) counts into a histogram; rows naming a bin out of range are clamped. */
export function histogramFromCounts(
  rows: readonly BinCount[],
  duration: number,
  bins = TIMELINE_BINS,
): Histogram {
  const perBin = Array.from({ length: bins }, () => new Map<Reaction, number>());
  let total = 0;
  for (const row of rows) {
    if (!(row.count > 0)) continue;
    const bin = Math.max(0, Math.min(bins - 1, Math.floor(row.bin)));
    const counts = perBin[bin] as Map<Reaction, number>;
    counts.set(row.emoji, (counts.get(row.emoji) ?? 0) + row.count);
    total += row.count;
  }
  return {
    duration,
    total,
    bins: perBin.map((counts): HistogramBin => {
      let count = 0;
      for (const n of counts.values()) count += n;
      return { count, emoji: dominant(counts) };
    }),
  };
}

/** Per-(bin, emoji) counts of a list of reactions (the in-memory record, tests). */
export function countReactions(
  reactions: Iterable<{ emoji: Reaction; position: number }>,
  duration: number,
  bins = TIMELINE_BINS,
): BinCount[] {
  const counts = new Map<string, BinCount>();
  for (const r of reactions) {
    const bin = binIndex(r.position, duration, bins);
    const key = `${bin}\u0000${r.emoji}`;
    const row = counts.get(key) ?? { bin, emoji: r.emoji, count: 0 };
    row.count++;
    counts.set(key, row);
  }
  return [...counts.values()];
}

/**
 * The histogram with one more reaction (a live one). The dominant emoji of its bin is only
 * known exactly per emoji, which the client does not keep: the new emoji takes over an
 * empty bin and otherwise the bin keeps its emoji until the next fetch.
 */
export function addToHistogram(h: Histogram, emoji: Reaction, position: number): Histogram {
  const index = binIndex(position, h.duration, h.bins.length);
  const bins = h.bins.map((bin, i) =>
    i === index ? { count: bin.count + 1, emoji: bin.emoji ?? emoji } : bin,
  );
  return { ...h, total: h.total + 1, bins };
}

export interface Peak {
  bin: number;
  /** Where a jump lands: the start of the bin (s). */
  position: number;
  count: number;
  emoji: Reaction;
}

/** At most this many peaks are marked, so the strip stays readable on any film. */
export const MAX_PEAKS = 5;
/** A moment needs this many reactions to be a peak at all. */
export const MIN_PEAK_COUNT = 2;

/**
 * The bins worth jumping to: local maxima (no neighbour higher; of a plateau the first)
 * whose reactions, with those of their busier neighbour, reach MIN_PEAK_COUNT and a third of
 * the busiest bin — a burst of laughter that straddles two bins is one moment, not two
 * halves too small to count — the `max` highest of them, in film order.
 */
export function findPeaks(h: Histogram, max = MAX_PEAKS): Peak[] {
  const counts = h.bins.map((bin) => bin.count);
  const highest = Math.max(0, ...counts);
  const floor = Math.max(MIN_PEAK_COUNT, Math.ceil(highest / 3));
  const candidates: Peak[] = [];
  h.bins.forEach((bin, i) => {
    const before = counts[i - 1] ?? 0;
    const after = counts[i + 1] ?? 0;
    const moment = bin.count + Math.max(before, after);
    if (moment < floor || bin.count <= before || bin.count < after || bin.emoji === null) {
      return;
    }
    const position = binStart(i, h.duration, h.bins.length);
    candidates.push({ bin: i, position, count: bin.count, emoji: bin.emoji });
  });
  return candidates
    .sort((a, b) => b.count - a.count || a.bin - b.bin)
    .slice(0, max)
    .sort((a, b) => a.bin - b.bin);
}

/** An empty histogram over `duration` (before the first fetch answers). */
export function emptyHistogram(duration: number, bins = TIMELINE_BINS): Histogram {
  return histogramFromCounts([], duration, bins);
}
