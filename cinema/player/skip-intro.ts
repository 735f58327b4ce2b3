/**
 * "Skip intro": while the film is in its opening titles the player offers to jump to where
 * they end. The jump is a seek made by the page's code (after the viewer's click), as real
 * cinemas do it; `introskip` (bubbling) fires on the container right before it.
 */
import { introOffer } from './ad-break.ts';
import type { PlayerParts } from './parts.ts';

export function wireSkipIntro(parts: PlayerParts, introEnd: number | null, inFilm: () => boolean) {
  const { container, video, skipIntro } = parts;
  const render = () => {
    skipIntro.hidden = !introOffer(introEnd, video.currentTime, inFilm());
  };
  for (const type of ['timeupdate', 'seeking', 'emptied', 'loadedmetadata']) {
    video.addEventListener(type, render);
  }
  skipIntro.addEventListener('click', () => {
    if (introEnd === null || !introOffer(introEnd, video.currentTime, inFilm())) return;
    container.dispatchEvent(
      new CustomEvent('introskip', {
        bubbles: true,
        detail: { from: video.currentTime, to: introEnd },
      }),
    );
    video.currentTime = introEnd;
  });
  return render;
}
