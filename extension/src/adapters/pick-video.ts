/**
 * Picks the page's main video: playing beats paused, then the largest on screen.
 * Pure over the facts it is given, so it is tested without layout.
 */
export interface VideoFacts {
  width: number;
  height: number;
  playing: boolean;
}

export function scoreVideo(facts: VideoFacts): number {
  const area = Math.max(0, facts.width) * Math.max(0, facts.height);
  if (area < 200 * 100) return 0; // thumbnails and previews are never "the film"
  return area * (facts.playing ? 4 : 1);
}

export function factsOf(video: HTMLVideoElement): VideoFacts {
  const rect = video.getBoundingClientRect();
  return {
    width: rect.width || video.clientWidth || video.videoWidth,
    height: rect.height || video.clientHeight || video.videoHeight,
    playing: !video.paused && !video.ended && video.readyState > 2,
  };
}

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
