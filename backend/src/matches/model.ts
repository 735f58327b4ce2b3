import { t } from 'elysia';

export const FilmParams = t.Object({ filmId: t.String({ minLength: 1, maxLength: 200 }) });
export const MatchesSchema = t.Object({
  matches: t.Array(t.Object({ id: t.String(), name: t.String() })),
});
