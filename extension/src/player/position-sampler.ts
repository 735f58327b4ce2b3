/**
 * Where the video was just before a seek: the `seeking` event already shows the target, so the
 * hook samples the position on every tick and event and moves it on by the time since while
 * it played. The distance tells a page's own nudge (a fraction of a second) from a user's seek.
 * No sample is taken while the video seeks: `currentTime` shows the target as soon as a seek
 * starts, and a tick may run before the `seeking` event does.
 */
export interface PositionSampler {
  /** Notes where the video is now (unless it is seeking). */
  take(): void;
  /** Where the video would be now had nothing moved it since the last sample (s). */
  expected(): number;
}

export function createPositionSampler(
  video: {
    readonly currentTime: number;
    readonly paused: boolean;
    readonly playbackRate: number;
    readonly seeking: boolean;
  },
  now: () => number,
): PositionSampler {
  const read = () => ({
    position: video.currentTime,
    at: now(),
    playing: !video.paused,
    rate: video.playbackRate,
  });
  let sample = read();
  return {
    take() {
      if (!video.seeking) sample = read();
    },
    expected() {
      const elapsedSec = sample.playing ? (now() - sample.at) / 1000 : 0;
      return sample.position + elapsedSec * sample.rate;
    },
  };
}
