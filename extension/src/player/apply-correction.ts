/**
 * Applies one decision of the shared correction to the <video>, telling the echo guard first
 * what it will cause, so the events it fires are not taken for the user's.
 */
import type { Correction, EchoGuard } from '@kino/shared/sync';
import type { VideoLike } from './player-hook';

export function applyCorrection(
  video: VideoLike,
  guard: EchoGuard,
  correction: Correction,
  t: number,
): void {
  switch (correction.kind) {
    case 'none':
      return;
    case 'rate':
      // Nudges are tempo changes only: keep the pitch, whatever the page set.
      if (video.preservesPitch === false) video.preservesPitch = true;
      guard.expect('ratechange', { rate: correction.rate }, t);
      video.playbackRate = correction.rate;
      return;
    case 'seek':
      guard.expect('seek', { position: correction.to }, t);
      video.currentTime = correction.to;
      return;
    case 'play':
      if (correction.from !== undefined) {
        // Set before play(): the video starts from the target once the seek is done.
        guard.expect('seek', { position: correction.from }, t);
        video.currentTime = correction.from;
      }
      guard.expect('play', {}, t);
      video.play().catch(() => {}); // a blocked autoplay is retried by the next tick
      return;
    case 'pause':
      guard.expect('pause', {}, t);
      video.pause();
      return;
  }
}
