/**
 * The pages of «Экран»: which player, which film, and what each one is for (the extension's
 * "any film page" work and its browser suite read this list).
 */
import type { PlayerMarkup, StreamUrls } from './players.ts';
import {
  hlsJs,
  mediaChrome,
  plyr,
  severalVideos,
  shaka,
  swappingPlayer,
  videoJs,
} from './players.ts';

export interface PlayerPage {
  /** The page is /watch/<id>. */
  id: string;
  player: string;
  /** The demo film it streams (its HLS stream from the cinema's cache). */
  filmId: string;
  /** What the page puts in front of an overlay. */
  exercises: string;
  markup(urls: StreamUrls): PlayerMarkup;
}

export const PLAYER_PAGES: readonly PlayerPage[] = [
  {
    id: 'video-js',
    player: 'Video.js 8 (VHS)',
    filmId: 'long-road',
    exercises: 'a <video> wrapped in Video.js’s own container and control bar',
    markup: videoJs,
  },
  {
    id: 'plyr',
    player: 'Plyr 3 + hls.js',
    filmId: 'first-snow',
    exercises: 'Plyr’s control bar over the bottom of the picture',
    markup: plyr,
  },
  {
    id: 'media-chrome',
    player: 'media-chrome 4 + <hls-video>',
    filmId: 'harbor-lights',
    exercises: 'the <video> inside an open shadow root of a web component',
    markup: mediaChrome,
  },
  {
    id: 'shaka',
    player: 'Shaka Player 5 UI',
    filmId: 'long-road',
    exercises: 'Shaka’s overlay controls and its own HLS parser',
    markup: shaka,
  },
  {
    id: 'hls-js',
    player: 'hls.js alone',
    filmId: 'first-snow',
    exercises: 'MSE without player chrome: the browser’s own controls',
    markup: hlsJs,
  },
  {
    id: 'several-videos',
    player: 'hls.js + previews',
    filmId: 'harbor-lights',
    exercises: 'several videos: muted previews play while the film waits paused',
    markup: severalVideos,
  },
  {
    id: 'swapping-player',
    player: 'in-house (hls.js)',
    filmId: 'first-snow',
    exercises: 'a NEW <video> element after the pre-roll ad and on each quality change',
    markup: swappingPlayer,
  },
];

export function findPlayerPage(id: string): PlayerPage | undefined {
  return PLAYER_PAGES.find((page) => page.id === id);
}
