/**
 * "Any film page": a room made for a page the cinema does not know, named by the page's
 * address and title. The one set of rules both the extension (what it sends) and the
 * backend (what it accepts) apply, so a page the extension offers is never refused for a
 * shape the backend reads differently.
 */
import { wellFormed } from './protocol/chat-text';

/** Longest page address accepted (characters, after normalising). */
export const FILM_PAGE_URL_MAX_LENGTH = 2048;
/** Longest page title kept (UTF-16 units, after normalising); longer titles are cut. */
export const FILM_PAGE_TITLE_MAX_LENGTH = 200;
/** Film ids of page rooms start with this; cinema ids never contain `/`, page ids never will. */
export const PAGE_FILM_ID_PREFIX = 'page:';

export type FilmPageUrlCheck =
  | { ok: true; url: string }
  | { ok: false; reason: 'invalid' | 'scheme' | 'credentials' | 'fragment' | 'length' };

/**
 * A page address as a room may carry it: an absolute http(s) URL without user name or
 * password (they would land in every invitee's e-mail) and without a fragment (the
 * extension puts the room there), at most FILM_PAGE_URL_MAX_LENGTH characters. The answer
 * is the URL parser's serialisation, so two spellings of one address compare equal.
 */
export function checkFilmPageUrl(raw: string): FilmPageUrlCheck {
  if (raw.length > FILM_PAGE_URL_MAX_LENGTH) return { ok: false, reason: 'length' };
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: 'invalid' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { ok: false, reason: 'scheme' };
  if (url.username !== '' || url.password !== '') return { ok: false, reason: 'credentials' };
  if (url.hash !== '' || raw.includes('#')) return { ok: false, reason: 'fragment' };
  const href = url.href;
  if (href.length > FILM_PAGE_URL_MAX_LENGTH) return { ok: false, reason: 'length' };
  return { ok: true, url: href };
}

/** Why a page address was refused, for the API's error message. */
export const FILM_PAGE_URL_REASONS: Record<
  Exclude<FilmPageUrlCheck, { ok: true }>['reason'],
  string
> = {
  invalid: 'is not an absolute URL',
  scheme: 'must be http or https',
  credentials: 'must not carry a user name or password',
  fragment: 'must not have a #fragment',
  length: `is longer than ${FILM_PAGE_URL_MAX_LENGTH} characters`,
};

/**
 * A page title as shown to invitees: control and format characters out, runs of
 * whitespace one space, trimmed, cut to FILM_PAGE_TITLE_MAX_LENGTH without splitting a
 * surrogate pair. Empty when nothing visible is left (the caller then uses the host).
 */
export function normalizeFilmPageTitle(raw: string): string {
  const cleaned = wellFormed(raw)
    .replace(/[\p{Cc}\p{Cf}\u2028\u2029]/gu, ' ')
    .replace(/\s+/gu, ' ')
    .trim();
  if (cleaned.length <= FILM_PAGE_TITLE_MAX_LENGTH) return cleaned;
  let cut = cleaned.slice(0, FILM_PAGE_TITLE_MAX_LENGTH);
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  return cut.trimEnd();
}

/** The page a tab shows, as the extension offers it: the address and the title. */
export interface FilmPage {
  url: string;
  title: string;
}

/**
 * The address a page names itself by: its `<link rel="canonical">` when that is on the same
 * origin (a canonical elsewhere may be a page without the player), else the address without
 * the fragment. Null when neither is an acceptable page address.
 */
export function canonicalPageUrl(location: string, canonicalHref: string | null): string | null {
  const here = new URL(location);
  here.hash = '';
  if (canonicalHref) {
    try {
      const canonical = new URL(canonicalHref, here);
      canonical.hash = '';
      const checked = checkFilmPageUrl(canonical.href);
      if (canonical.origin === here.origin && checked.ok) return checked.url;
    } catch {
      // An unreadable canonical link names nothing: fall back to the address.
    }
  }
  const checked = checkFilmPageUrl(here.href);
  return checked.ok ? checked.url : null;
}
