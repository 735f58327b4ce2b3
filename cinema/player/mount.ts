/**
 * One cinema player: the stream in its <video>, the pre-roll ad before the film when the page
 * asks for one, and the controls. The container tells the page (and anything watching it)
 * what the <video> shows:
 *
 * - `data-phase="ad" | "film"` and the class `ad-showing` while the ad is in the <video>
 *   (from page load until the ad ends, is skipped or fails);
 * - `adstart` when the ad starts playing and `adend` when it is over, as bubbling events;
 * - the film then loads into the SAME <video> and starts at 0 (`emptied`, `loadstart`,
 *   `durationchange` … fire on it as with any new source);
 * - `introskip` when the viewer takes "Skip intro" and the page seeks past the titles.
 */
import { adSeekCorrection, skipCountdown } from './ad-break.ts';
import { wireControls } from './controls.ts';
import { LABELS } from './labels.ts';
import { findParts, type PlayerParts } from './parts.ts';
import { createQualityMenu } from './quality-menu.ts';
import { wireSkipIntro } from './skip-intro.ts';
import { attachStream, type Stream, type StreamEvents, type StreamKind } from './stream.ts';
import { secondsLeft } from './time-format.ts';

export type Phase = 'ad' | 'film';

interface Sources {
  film: string;
  kind: StreamKind;
  ad: string | null;
  introEnd: number | null;
}

function sourcesOf(container: HTMLElement): Sources {
  const film = container.dataset.src;
  if (!film) throw new Error('cinema player: data-src is missing');
  return {
    film,
    kind: container.dataset.stream === 'progressive' ? 'progressive' : 'hls',
    ad: container.dataset.adSrc || null,
    introEnd: container.dataset.introEnd ? Number(container.dataset.introEnd) : null,
  };
}

function showPhase(parts: PlayerParts, phase: Phase): void {
  parts.container.dataset.phase = phase;
  parts.container.classList.toggle('ad-showing', phase === 'ad');
  parts.ad.hidden = phase !== 'ad';
}

/** Countdown, skip button and no seeking while the ad plays. */
function wireAd(parts: PlayerParts, inAd: () => boolean, skip: () => void): () => void {
  const { video, adCountdown, adSkip } = parts;
  let watched = 0;
  const render = () => {
    if (!inAd()) return;
    adCountdown.textContent = String(secondsLeft(video.currentTime, video.duration) || '');
    const wait = skipCountdown(watched);
    adSkip.disabled = wait > 0;
    adSkip.textContent = wait > 0 ? LABELS.skipIn(wait) : LABELS.skip;
  };
  video.addEventListener('timeupdate', () => {
    if (inAd() && !video.seeking) watched = Math.max(watched, video.currentTime);
    render();
  });
  video.addEventListener('seeking', () => {
    if (!inAd()) return;
    const back = adSeekCorrection(video.currentTime, watched);
    if (back !== null) video.currentTime = back;
  });
  adSkip.addEventListener('click', () => {
    if (inAd() && skipCountdown(watched) === 0) skip();
  });
  return () => {
    watched = 0;
    render();
  };
}

export function mountPlayer(container: HTMLElement): void {
  const parts = findParts(container);
  const { video } = parts;
  const sources = sourcesOf(container);
  let phase: Phase = container.dataset.phase === 'ad' && sources.ad ? 'ad' : 'film';
  let stream: Stream | null = null;
  let adStarted = false;

  const quality = createQualityMenu(parts, (index) => stream?.pick(index));
  const renderSeek = wireControls(parts, { inAd: () => phase === 'ad' });
  const renderIntro = wireSkipIntro(parts, sources.introEnd, () => phase === 'film');

  const events: StreamEvents = {
    onRenditions: (list) => quality.setRenditions(list),
    onRenditionSwitched: (index) => quality.showPlaying(index),
    onFatal(message) {
      // An ad that cannot load must never keep the viewer from the film.
      if (phase === 'ad') return startFilm();
      console.warn(`[cinema player] ${message}`);
      parts.error.hidden = false;
      container.classList.add('has-error');
    },
  };
  const load = (src: string, kind: StreamKind, autoplay: boolean) => {
    stream?.destroy();
    quality.reset();
    parts.error.hidden = true;
    container.classList.remove('has-error');
    stream = attachStream(video, src, kind, events);
    if (autoplay) void video.play().catch(() => {});
  };
  const enterPhase = (next: Phase) => {
    phase = next;
    showPhase(parts, next);
    quality.setAvailable(next === 'film');
    renderSeek();
    renderIntro();
  };
  function startFilm(): void {
    if (phase !== 'ad') return;
    enterPhase('film');
    if (adStarted) container.dispatchEvent(new CustomEvent('adend', { bubbles: true }));
    load(sources.film, sources.kind, true);
  }
  const resetAd = wireAd(parts, () => phase === 'ad', startFilm);

  video.addEventListener('playing', () => {
    if (phase !== 'ad' || adStarted) return;
    adStarted = true;
    container.dispatchEvent(new CustomEvent('adstart', { bubbles: true }));
  });
  video.addEventListener('ended', () => {
    if (phase === 'ad') startFilm();
  });
  parts.errorRetry.addEventListener('click', () => {
    const at = video.currentTime;
    load(sources.film, sources.kind, true);
    if (at > 0) video.currentTime = at;
  });

  enterPhase(phase);
  resetAd();
  if (phase === 'ad' && sources.ad) load(sources.ad, 'hls', false);
  else load(sources.film, sources.kind, false);
}
