/**
 * Do everyone's players agree? Samples each page's <video> with the wall-clock time
 * it was read at, and compares them extrapolated to one common instant: the pages
 * answer one after another on a loaded machine, so raw `currentTime`s taken "in
 * parallel" would differ by the sampling delay alone.
 */
import type { Page } from 'playwright-core';

export interface VideoSample {
  paused: boolean;
  currentTime: number;
  playbackRate: number;
  /** Epoch milliseconds when it was read (every browser here shares the machine's clock). */
  sampledAt: number;
}

export interface Agreement {
  /** Everyone's position at `at`, in the order of the samples. */
  positions: number[];
  /** Largest difference between two positions, in seconds. */
  gap: number;
  allPaused: boolean;
  allPlaying: boolean;
  at: number;
}

/** Where a sampled player is at time `at` (ms): it moves on only while playing. Pure. */
export function positionAt(sample: VideoSample, at: number): number {
  if (sample.paused) return sample.currentTime;
  return sample.currentTime + ((at - sample.sampledAt) / 1000) * sample.playbackRate;
}

/** Compares samples at the instant of the latest one. Pure. */
export function compareSamples(samples: readonly VideoSample[]): Agreement {
  if (samples.length === 0) throw new Error('no samples to compare');
  const at = Math.max(...samples.map((s) => s.sampledAt));
  const positions = samples.map((s) => positionAt(s, at));
  return {
    positions,
    gap: Math.max(...positions) - Math.min(...positions),
    allPaused: samples.every((s) => s.paused),
    allPlaying: samples.every((s) => !s.paused),
    at,
  };
}

export function sampleVideo(page: Page): Promise<VideoSample> {
  return page.evaluate(() => {
    const video = document.querySelector<HTMLVideoElement>('video#player');
    if (!video) throw new Error('no video#player on the page');
    return {
      paused: video.paused,
      currentTime: video.currentTime,
      playbackRate: video.playbackRate,
      sampledAt: performance.timeOrigin + performance.now(),
    };
  });
}

export async function compareVideos(pages: readonly Page[]): Promise<Agreement> {
  return compareSamples(await Promise.all(pages.map(sampleVideo)));
}

export interface SyncExpectation {
  playing: boolean;
  /** Largest allowed gap between any two players, in seconds. */
  toleranceSec: number;
  /**
   * When set, the film was at `position` at epoch ms `at` (e.g. a seek's target when it
   * was made): every player must now be between there and where uninterrupted playback
   * would have taken it since, give or take `toleranceSec`.
   */
  from?: { position: number; at: number };
  timeoutMs?: number;
}

/** Does `agreement` meet `expected`? Returns null when it does, else why not. Pure. */
export function syncProblem(agreement: Agreement, expected: SyncExpectation): string | null {
  if (expected.playing && !agreement.allPlaying) return 'not everyone is playing';
  if (!expected.playing && !agreement.allPaused) return 'not everyone is paused';
  if (agreement.gap > expected.toleranceSec) {
    return `positions differ by ${agreement.gap.toFixed(3)} s`;
  }
  const from = expected.from;
  if (from) {
    const elapsed = expected.playing ? Math.max(0, agreement.at - from.at) / 1000 : 0;
    const range = { min: from.position, max: from.position + elapsed };
    const tolerance = expected.toleranceSec;
    const outside = agreement.positions.find(
      (p) => p < range.min - tolerance || p > range.max + tolerance,
    );
    if (outside !== undefined) {
      return `position ${outside.toFixed(3)} s is outside ${range.min.toFixed(1)}–${range.max.toFixed(1)} s`;
    }
  }
  return null;
}

/**
 * Polls until every player meets `expected` and keeps meeting it for `holdMs`: they
 * need a moment to follow a remote change, and one that is still loading after a
 * seek can look in step for an instant and then fall behind. Throws with the last
 * positions if that never happens within the timeout.
 */
export async function waitForSync(
  pages: readonly Page[],
  expected: SyncExpectation & { holdMs?: number },
): Promise<Agreement & { agreedAfterMs: number }> {
  const started = Date.now();
  const deadline = started + (expected.timeoutMs ?? 15_000);
  const holdMs = expected.holdMs ?? 1000;
  let agreedSince: number | null = null;
  for (;;) {
    const agreement = await compareVideos(pages);
    const problem = syncProblem(agreement, expected);
    if (problem === null) {
      agreedSince ??= agreement.at;
      if (agreement.at - agreedSince >= holdMs) {
        return { ...agreement, agreedAfterMs: Math.round(agreedSince - started) };
      }
    } else {
      agreedSince = null;
      if (Date.now() > deadline) {
        const where = agreement.positions.map((p) => p.toFixed(3)).join(', ');
        throw new Error(`players never agreed: ${problem} (positions ${where})`);
      }
    }
    await Bun.sleep(100);
  }
}
