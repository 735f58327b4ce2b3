/** What the extension needs to know about a site to overlay it. */
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
  /** Element after which the Watch together button is placed. */
  buttonAnchor(doc: Document): Element | null;
  /** Film id on the backend, or null when the page shows no film. */
  filmId(doc: Document, url: URL): string | null;
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
