/**
 * Picks the page's main video: the film, not a muted looping preview beside it nor a
 * thumbnail. Large, visible, audible, with the player's controls and a film's length score
 * up; `muted` + `loop` (how previews and background clips play) scores far down; playing
 * helps only when it is audible (previews autoplay muted). Pure over the facts it is given,
 * so it is tested without layout.
 */
export interface VideoFacts {
  width: number;
  height: number;
  playing: boolean;
  /** Muted or at volume 0. Absent: not muted. */
  muted?: boolean;
  loop?: boolean;
  /** Native `controls`, or a player's chrome around it. */
  controls?: boolean;
  /** Share of its box inside the viewport, 0–1. Absent: fully visible. */
  visible?: number;
  /** Seconds, NaN or Infinity while unknown / live. */
  durationSec?: number;
}

/** Smaller than this it is a thumbnail, never "the film". */
const MIN_AREA = 200 * 100;

export function scoreVideo(facts: VideoFacts): number {
  const area = Math.max(0, facts.width) * Math.max(0, facts.height);
  if (area < MIN_AREA) return 0;
  let score = area;
  const audible = facts.muted !== true;
  if (facts.playing) score *= audible ? 4 : 1.2;
  if (!audible) score *= 0.6;
  if (facts.loop) score *= 0.25;
  if (facts.controls) score *= 1.5;
  // A clip of under a minute is a teaser or an ad; unknown lengths (still loading) count full.
  const duration = facts.durationSec;
  if (duration !== undefined && Number.isFinite(duration) && duration > 0 && duration < 60) {
    score *= 0.7;
  }
  // Off screen counts for a tenth: a film scrolled away still beats nothing.
  score *= 0.1 + 0.9 * Math.min(1, Math.max(0, facts.visible ?? 1));
  return score;
}

/** What the page shows of `video`, read from layout and the element's own state. */
export function factsOf(video: HTMLVideoElement): VideoFacts {
  const rect = video.getBoundingClientRect();
  const width = rect.width || video.clientWidth || video.videoWidth;
  const height = rect.height || video.clientHeight || video.videoHeight;
  const viewW = globalThis.innerWidth || width;
  const viewH = globalThis.innerHeight || height;
  const seenW = Math.max(0, Math.min(rect.right, viewW) - Math.max(rect.left, 0));
  const seenH = Math.max(0, Math.min(rect.bottom, viewH) - Math.max(rect.top, 0));
  const hidden = rect.width === 0 && rect.height === 0;
  return {
    width,
    height,
    playing: !video.paused && !video.ended && video.readyState > 2,
    muted: video.muted || video.volume === 0,
    loop: video.loop,
    controls: video.controls || video.closest('[class*="player" i], video-js') !== null,
    visible: hidden || width * height === 0 ? 0 : (seenW * seenH) / (width * height),
    durationSec: video.duration,
  };
}

/** The best-scoring candidate, or null when none scores (all thumbnails, all hidden). */
export function pickMainVideo<T>(candidates: T[], facts: (v: T) => VideoFacts): T | null {
  let best: T | null = null;
  let bestScore = 0;
  for (const candidate of candidates) {
    const score = scoreVideo(facts(candidate));
    if (score > bestScore) {
      best = candidate;
      bestScore = score;
    }
  }
  return best;
}

/** The candidates that could be the film (not thumbnails, not hidden), best first. */
export function rankVideos<T>(candidates: T[], facts: (v: T) => VideoFacts): T[] {
  return candidates
    .map((candidate) => ({ candidate, score: scoreVideo(facts(candidate)) }))
    .filter((entry) => entry.score > 0)
    .sort((a, b) => b.score - a.score)
    .map((entry) => entry.candidate);
}
