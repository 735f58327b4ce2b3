/**
 * Adapter for any page the user enabled from the popup: the largest playing
 * `<video>`. The film id is the page address (without the hash), so friends on
 * the same page share a room; the session comes from the configured cinema
 * (through the background, which holds that host permission).
 */
import { factsOf, pickMainVideo } from './pick-video';
import type { SiteAdapter, SiteSession } from './types';

export function createGenericAdapter(
  enabledOrigins: string[],
  getSession: () => Promise<SiteSession | null>,
): SiteAdapter {
  return {
    id: 'generic',
    matches: (url) => enabledOrigins.includes(url.origin),
    findVideo: (doc) => pickMainVideo([...doc.querySelectorAll('video')], factsOf),
    buttonAnchor(doc) {
      const video = this.findVideo(doc);
      return video?.parentElement ?? null;
    },
    filmId: (_doc, url) => `${url.origin}${url.pathname}`,
    getSession,
  };
}
