import { t } from 'elysia';
import { CINEMA_ID_MAX_LENGTH, CINEMA_ID_PATTERN } from '../directory/ids.ts';

/** A film id that cannot be one is 404 like an unknown film (http/error-handler.ts). */
export const FilmParams = t.Object({
  filmId: t.String({ pattern: CINEMA_ID_PATTERN, maxLength: CINEMA_ID_MAX_LENGTH }),
});
export const MatchesSchema = t.Object({
  matches: t.Array(t.Object({ id: t.String(), name: t.String() })),
});
