import { FilmParams, MatchesSchema } from '@kino/shared/http/rooms';
import { Elysia } from 'elysia';
import { authPlugin } from '../auth/plugin.ts';
import type { AuthDeps } from '../auth/verify.ts';
import type { Directory } from '../directory/types.ts';
import { withDeadline } from '../http/deadline.ts';
import { findMatches, listFriends } from './service.ts';

export function matchesController(deps: AuthDeps & { directory: Directory }) {
  return new Elysia({ prefix: '/api/films' })
    .use(authPlugin(deps))
    .get(
      '/:filmId/matches',
      ({ user, params }) => withDeadline(() => findMatches(deps.directory, user.id, params.filmId)),
      {
        auth: true,
        params: FilmParams,
        response: MatchesSchema,
        detail: { summary: 'Friends who want to watch this film', tags: ['films'] },
      },
    );
}

/** All the user's friends: whom to invite to a page the cinema does not know. */
export function friendsController(deps: AuthDeps & { directory: Directory }) {
  return new Elysia({ prefix: '/api/friends' })
    .use(authPlugin(deps))
    .get('', ({ user }) => withDeadline(() => listFriends(deps.directory, user.id)), {
      auth: true,
      response: MatchesSchema,
      detail: {
        summary: "All the user's cinema friends (for a page the cinema does not know)",
        tags: ['films'],
      },
    });
}
