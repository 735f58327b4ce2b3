/**
 * Which film a new room is for: a film the cinema knows (`filmId`, asked of the directory)
 * or any other page (`page`, checked against `@kino/shared/film-page`). A page room's film
 * id is derived from its address, so friends who start rooms on one page name one film.
 */
import { createHash } from 'node:crypto';
import {
  checkFilmPageUrl,
  FILM_PAGE_URL_REASONS,
  normalizeFilmPageTitle,
  PAGE_FILM_ID_PREFIX,
} from '@kino/shared/film-page';
import type { CreateRoomInput } from '@kino/shared/http/rooms';
import type { Directory, DirectoryFilm } from '../directory/types.ts';
import { HttpError } from '../http/errors.ts';

/** `page:` and 32 hex digits (128 bits of SHA-256): within every id limit the protocol has. */
export function pageFilmId(url: string): string {
  return PAGE_FILM_ID_PREFIX + createHash('sha256').update(url).digest('hex').slice(0, 32);
}

/** The film for a page: its checked address, its title (or its host when it has none). */
export function filmOfPage(page: { url: string; title: string }): DirectoryFilm {
  const checked = checkFilmPageUrl(page.url);
  if (!checked.ok) {
    throw new HttpError(422, 'invalid_body', `page.url ${FILM_PAGE_URL_REASONS[checked.reason]}`, {
      field: 'page.url',
      reason: checked.reason,
    });
  }
  const title = normalizeFilmPageTitle(page.title) || new URL(checked.url).host;
  return { id: pageFilmId(checked.url), title, url: checked.url, durationSec: 0 };
}

/** Exactly one of `filmId` and `page`; null when the cinema does not know the film id. */
export async function filmOfRequest(
  directory: Directory,
  input: Pick<CreateRoomInput, 'filmId' | 'page'>,
): Promise<DirectoryFilm> {
  if ((input.filmId === undefined) === (input.page === undefined)) {
    throw new HttpError(422, 'invalid_body', 'Give exactly one of filmId and page');
  }
  if (input.page) return filmOfPage(input.page);
  const filmId = input.filmId as string;
  const film = await directory.getFilm(filmId);
  if (!film) throw new HttpError(404, 'film_not_found', `Unknown film "${filmId}"`);
  return film;
}
