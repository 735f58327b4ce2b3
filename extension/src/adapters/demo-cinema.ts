/**
 * Adapter for the project's demo cinema (cinema/): film pages are
 * `main.film[data-film-id]` with `.player video#player` and a `.film-actions` bar.
 */
import { parseSession, type SiteAdapter } from './types';

export type SessionFetch = (url: string) => Promise<unknown>;

async function fetchSessionJson(url: string): Promise<unknown> {
  const response = await fetch(url, { credentials: 'include' });
  return response.ok ? response.json() : null;
}

export function createDemoCinemaAdapter(
  cinemaOrigin: string,
  fetchSession: SessionFetch = fetchSessionJson,
): SiteAdapter {
  const origin = new URL(cinemaOrigin).origin;
  return {
    id: 'demo-cinema',
    matches: (url) => url.origin === origin && url.pathname.startsWith('/films/'),
    findVideo: (doc) => doc.querySelector<HTMLVideoElement>('main.film .player video'),
    buttonAnchor: (doc) =>
      doc.querySelector('main.film .film-actions') ?? doc.querySelector('main.film .player'),
    buttonPlacement: 'last',
    film(doc) {
      const filmId = doc.querySelector<HTMLElement>('main.film[data-film-id]')?.dataset.filmId;
      return filmId ? { filmId } : null;
    },
    async getSession() {
      try {
        return parseSession(await fetchSession(`${origin}/api/session`));
      } catch {
        return null;
      }
    },
  };
}
