/**
 * The markup of the cinema's own player (player/ is its script): a <video> without the
 * browser's controls inside `.player.cinema-player`, with the controls, the ad overlay and
 * the error box. `data-*` on the container tell the script what to play.
 */
import { LABELS } from '../player/labels.ts';
import { html, type SafeHtml } from './html.ts';

export interface CinemaPlayerInput {
  /** The film's stream: an HLS master playlist, or a progressive file. */
  src: string;
  stream: 'hls' | 'progressive';
  /** The pre-roll ad's HLS master playlist, when the film starts with one. */
  adSrc: string | null;
  /** Where the film's intro ends (s), for the "Skip intro" button; null: none. */
  introEnd: number | null;
}

const icon = (path: string, cls: string) =>
  html`<svg class="${cls}" viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d="${path}"/></svg>`;

const ICONS = {
  play: icon('M8 5v14l11-7z', 'icon icon-play'),
  pause: icon('M6 5h4v14H6zm8 0h4v14h-4z', 'icon icon-pause'),
  sound: icon(
    'M3 9v6h4l5 5V4L7 9H3zm13.5 3A4.5 4.5 0 0 0 14 8v8a4.5 4.5 0 0 0 2.5-4z',
    'icon icon-sound',
  ),
  muted: icon(
    'M3 9v6h4l5 5V4L7 9H3zm13.6 3 2.7-2.7-1.4-1.4-2.7 2.7-2.7-2.7-1.4 1.4 2.7 2.7-2.7 2.7 1.4 1.4 2.7-2.7 2.7 2.7 1.4-1.4z',
    'icon icon-muted',
  ),
  enter: icon(
    'M5 5h5v2H7v3H5zm9 0h5v5h-2V7h-3zM5 14h2v3h3v2H5zm12 0h2v5h-5v-2h3z',
    'icon icon-enter-fs',
  ),
  exit: icon(
    'M8 5h2v5H5V8h3zm6 0h2v3h3v2h-5zM5 14h5v5H8v-3H5zm9 0h5v2h-3v3h-2z',
    'icon icon-exit-fs',
  ),
};

export function cinemaPlayer({ src, stream, adSrc, introEnd }: CinemaPlayerInput): SafeHtml {
  const phase = adSrc ? 'ad' : 'film';
  return html`<div class="player cinema-player${adSrc ? ' ad-showing' : ''}" data-stream="${stream}" data-src="${src}" data-ad-src="${adSrc ?? ''}" data-intro-end="${introEnd ?? ''}" data-phase="${phase}">
        <video id="player" preload="auto" playsinline></video>
        <div class="player-ad"${adSrc ? '' : html` hidden`}>
          <span class="player-ad-label">${LABELS.ad}</span>
          <span class="player-ad-countdown" aria-hidden="true"></span>
          <button type="button" class="player-ad-skip" disabled>${LABELS.skipIn(5)}</button>
        </div>
        <button type="button" class="player-skip-intro" hidden>${LABELS.skipIntro}</button>
        <button type="button" class="player-big-play" aria-label="${LABELS.play}">${ICONS.play}</button>
        <div class="player-spinner" aria-hidden="true"></div>
        <div class="player-error" role="alert" hidden>
          <p>${LABELS.failed}</p>
          <button type="button" class="player-error-retry">${LABELS.retry}</button>
        </div>
        <div class="player-controls" role="group" aria-label="Плеер · Player">
          <button type="button" class="player-play" aria-label="${LABELS.play}" title="${LABELS.play}">${ICONS.play}${ICONS.pause}</button>
          <input class="player-seek" type="range" min="0" max="0" step="0.1" value="0" aria-label="${LABELS.seek}" disabled>
          <span class="player-time"><span class="player-current">0:00</span> / <span class="player-duration">0:00</span></span>
          <button type="button" class="player-mute" aria-label="${LABELS.mute}" title="${LABELS.mute}">${ICONS.sound}${ICONS.muted}</button>
          <input class="player-volume" type="range" min="0" max="1" step="0.05" value="1" aria-label="${LABELS.volume}">
          <div class="player-quality" hidden>
            <button type="button" class="player-quality-button" aria-haspopup="menu" aria-expanded="false" title="${LABELS.quality}">${LABELS.auto}</button>
            <ul class="player-quality-menu" role="menu" aria-label="${LABELS.quality}" hidden></ul>
          </div>
          <button type="button" class="player-fullscreen" aria-label="${LABELS.fullscreen}" title="${LABELS.fullscreen}">${ICONS.enter}${ICONS.exit}</button>
        </div>
      </div>
      <script src="/static/player.js" defer></script>`;
}
