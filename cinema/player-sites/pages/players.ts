/**
 * One film page per third-party player. The markup and glue are what each player's own
 * documentation shows; the stream URL goes in a data attribute, never into script text.
 */
import { html, type SafeHtml } from '../../pages/html.ts';

export interface StreamUrls {
  /** The film's HLS master playlist. */
  hls: string;
  /** The pre-roll ad's HLS master playlist. */
  ad: string;
  /** A progressive clip of another film, for the small previews. */
  webm(filmId: string): string;
}

export interface PlayerMarkup {
  head: SafeHtml;
  body: SafeHtml;
}

const hlsJsGlue = html`<script src="/vendor/hls.js/hls.min.js"></script>
    <script>
      (function () {
        var video = document.getElementById('film');
        var hls = new Hls();
        hls.loadSource(video.dataset.src);
        hls.attachMedia(video);
        window.hls = hls;
      })();
    </script>`;

/** Video.js 8 with its HLS engine (VHS), set up from data-setup. */
export function videoJs(urls: StreamUrls): PlayerMarkup {
  return {
    head: html`<link rel="stylesheet" href="/vendor/video.js/video-js.min.css">`,
    body: html`<div class="film-player">
      <video-js id="film" class="vjs-default-skin vjs-big-play-centered" controls preload="auto" data-setup='{"fluid": true}'>
        <source src="${urls.hls}" type="application/x-mpegURL">
      </video-js>
    </div>
    <script src="/vendor/video.js/video.min.js"></script>`,
  };
}

/** Plyr's controls over a <video> that hls.js feeds (Plyr's own HLS recipe). */
export function plyr(urls: StreamUrls): PlayerMarkup {
  return {
    head: html`<link rel="stylesheet" href="/vendor/plyr/plyr.css">`,
    body: html`<div class="film-player">
      <video id="film" controls playsinline data-src="${urls.hls}"></video>
    </div>
    <script src="/vendor/hls.js/hls.min.js"></script>
    <script src="/vendor/plyr/plyr.min.js"></script>
    <script>
      (function () {
        var video = document.getElementById('film');
        var hls = new Hls();
        hls.loadSource(video.dataset.src);
        hls.attachMedia(video);
        window.hls = hls;
        // Plyr's recipe: its UI once hls.js knows the stream. Plyr fetches its icons and a
        // blank clip from its CDN unless told otherwise.
        hls.on(Hls.Events.MANIFEST_PARSED, function () {
          window.player = new Plyr(video, { iconUrl: '/vendor/plyr/plyr.svg', blankVideo: '' });
        });
      })();
    </script>`,
  };
}

/** media-chrome around <hls-video>: the <video> lives in hls-video's OPEN shadow root. */
export function mediaChrome(urls: StreamUrls): PlayerMarkup {
  return {
    head: html`<script type="module" src="/assets/media-chrome.js"></script>`,
    body: html`<div class="film-player">
      <media-controller id="film">
        <hls-video slot="media" src="${urls.hls}" playsinline preload="auto"></hls-video>
        <media-loading-indicator slot="centered-chrome" noautohide></media-loading-indicator>
        <media-control-bar>
          <media-play-button></media-play-button>
          <media-seek-backward-button seekoffset="10"></media-seek-backward-button>
          <media-seek-forward-button seekoffset="10"></media-seek-forward-button>
          <media-mute-button></media-mute-button>
          <media-volume-range></media-volume-range>
          <media-time-range></media-time-range>
          <media-time-display showduration></media-time-display>
          <media-fullscreen-button></media-fullscreen-button>
        </media-control-bar>
      </media-controller>
    </div>`,
  };
}

/** Shaka Player's UI, set up by its data attributes; the page loads the stream. */
export function shaka(urls: StreamUrls): PlayerMarkup {
  return {
    head: html`<link rel="stylesheet" href="/vendor/shaka-player/controls.css">`,
    body: html`<div class="film-player" data-shaka-player-container>
      <video id="film" data-shaka-player playsinline data-src="${urls.hls}"></video>
    </div>
    <script src="/vendor/shaka-player/shaka-player.ui.js"></script>
    <script>
      document.addEventListener('shaka-ui-loaded', function () {
        var video = document.getElementById('film');
        var player = video.ui.getControls().getPlayer();
        window.player = player;
        player.load(video.dataset.src).catch(function (error) {
          console.error('shaka load failed', error);
        });
      });
    </script>`,
  };
}

/** hls.js alone, the browser's own controls: no player chrome at all. */
export function hlsJs(urls: StreamUrls): PlayerMarkup {
  return {
    head: html``,
    body: html`<div class="film-player">
      <video id="film" controls playsinline data-src="${urls.hls}"></video>
    </div>
    ${hlsJsGlue}`,
  };
}

/** The film (paused until played) beside small muted previews that play from the start. */
export function severalVideos(urls: StreamUrls): PlayerMarkup {
  const preview = (filmId: string, title: string) =>
    html`<div class="aside-preview">
        <video class="preview" muted autoplay loop playsinline src="${urls.webm(filmId)}"></video>
        <p>${title}</p>
      </div>`;
  return {
    head: html``,
    body: html`<div class="layout-with-aside">
      <div class="film-player">
        <video id="film" controls playsinline data-src="${urls.hls}"></video>
      </div>
      <aside>
        <h2>Скоро · Coming soon</h2>
        ${preview('night-train', 'Ночной поезд · Night Train')}
        ${preview('first-snow', 'Первый снег · First Snow')}
      </aside>
    </div>
    ${hlsJsGlue}`,
  };
}

/** The in-house player that puts a NEW <video> in for the film and for each quality. */
export function swappingPlayer(urls: StreamUrls): PlayerMarkup {
  return {
    head: html`<script type="module" src="/assets/swapping-player.js"></script>`,
    body: html`<div class="swap-player" data-src="${urls.hls}" data-ad-src="${urls.ad}" data-phase="ad" data-generation="0">
      <div class="swap-bar">
        <span class="swap-ad-label">Реклама · Ad</span>
        <label>Качество · Quality
          <select class="swap-quality"><option value="-1">Авто · Auto</option></select>
        </label>
      </div>
      <div class="swap-stage film-player"></div>
    </div>`,
  };
}
