/** What the extension needs to know about a site to overlay it. */
import type { FilmPage } from '@kino/shared/film-page';

/**
 * What a room is made for: a film the cinema knows (its id), or any other page (its
 * address and title, checked by the backend against `@kino/shared/film-page`).
 */
export type FilmRef = { filmId: string } | { page: FilmPage };

export interface SiteUser {
  id: string;
  name: string;
}

export interface SiteSession {
  accessToken: string;
  user: SiteUser;
}

export interface SiteAdapter {
  /** Stable id, also used in logs and tests. */
  id: 'demo-cinema' | 'generic';
  matches(url: URL): boolean;
  /** The main `<video>` of the page, or null while there is none. */
  findVideo(doc: Document): HTMLVideoElement | null;
  /** Every video that could be the film, best first (absent: only findVideo's counts). */
  videos?(doc: Document): HTMLVideoElement[];
  /** Element the Watch together button is placed by (see `buttonPlacement`). */
  buttonAnchor(doc: Document): Element | null;
  /** `last`: inside the anchor, at its end (a bar made for it); `after`: right after it. */
  buttonPlacement: 'last' | 'after';
  /** The film a room on this page is for, or null when the page shows no film. */
  film(doc: Document, url: URL): FilmRef | null;
  /** The signed-in user's cinema session, or null when signed out. */
  getSession(): Promise<SiteSession | null>;
}

/** Same as the cinema's `GET /api/session` body; anything else is "signed out". */
export function parseSession(body: unknown): SiteSession | null {
  if (typeof body !== 'object' || body === null) return null;
  const { accessToken, user } = body as Record<string, unknown>;
  if (typeof accessToken !== 'string' || typeof user !== 'object' || user === null) return null;
  const { id, name } = user as Record<string, unknown>;
  if (typeof id !== 'string' || typeof name !== 'string') return null;
  return { accessToken, user: { id, name } };
}
