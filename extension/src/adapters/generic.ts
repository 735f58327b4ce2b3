/**
 * Adapter for any page the user enabled from the popup: the main `<video>` (pick-video.ts),
 * open shadow roots included, with the button right after the player (player-box.ts). The film is the page (its canonical address and title: a room for a page
 * the cinema does not know); the session comes from the configured cinema
 * (through the background, which holds that host permission).
 */
import { canonicalPageUrl, normalizeFilmPageTitle } from '@kino/shared/film-page';
import { collectVideos } from './find-videos';
import { factsOf, pickMainVideo, rankVideos } from './pick-video';
import { playerBox } from './player-box';
import type { FilmRef, SiteAdapter, SiteSession } from './types';

/** The page as a film: its canonical address (same origin) and its title. */
export function pageFilm(doc: Document, url: URL): FilmRef | null {
  const canonical = doc.querySelector<HTMLLinkElement>('link[rel~="canonical" i][href]');
  const address = canonicalPageUrl(url.href, canonical?.getAttribute('href') ?? null);
  if (!address) return null;
  const og = doc.querySelector<HTMLMetaElement>('meta[property="og:title"][content]');
  const title = normalizeFilmPageTitle(doc.title || og?.content || '');
  return { page: { url: address, title } };
}

export function createGenericAdapter(
  enabledOrigins: string[],
  getSession: () => Promise<SiteSession | null>,
): SiteAdapter {
  return {
    id: 'generic',
    matches: (url) => enabledOrigins.includes(url.origin),
    findVideo: (doc) => pickMainVideo(collectVideos(doc).videos, factsOf),
    videos: (doc) => rankVideos(collectVideos(doc).videos, factsOf),
    buttonAnchor(doc) {
      const video = this.findVideo(doc);
      return video ? playerBox(video) : null;
    },
    buttonPlacement: 'after',
    film: pageFilm,
    getSession,
  };
}
