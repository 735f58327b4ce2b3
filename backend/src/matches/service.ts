import type { Directory } from '../directory/types.ts';
import { HttpError } from '../http/errors.ts';

/** The user's friends who have the film on their Want to watch list. */
export async function findMatches(directory: Directory, userId: string, filmId: string) {
  const [film, friends] = await Promise.all([
    directory.getFilm(filmId),
    directory.getFriends(userId, { wantsFilm: filmId }),
  ]);
  if (!film) throw new HttpError(404, 'film_not_found', `Unknown film "${filmId}"`);
  return { matches: friends.map((f) => ({ id: f.id, name: f.name })) };
}

/** All the user's friends, in the same shape as the matches (any film page). */
export async function listFriends(directory: Directory, userId: string) {
  const friends = await directory.getFriends(userId);
  return { matches: friends.map((f) => ({ id: f.id, name: f.name })) };
}
