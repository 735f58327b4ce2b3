/** `GET /api/me`: who the token says you are. */
import { Elysia, t } from 'elysia';
import { authPlugin } from './plugin.ts';
import type { AuthDeps } from './verify.ts';

export { authPlugin } from './plugin.ts';
export { AuthError, type AuthUser, bearerToken, verifyAccessToken } from './verify.ts';

export function meController(deps: AuthDeps) {
  return new Elysia({ prefix: '/api' }).use(authPlugin(deps)).get('/me', ({ user }) => user, {
    auth: true,
    response: t.Object({ id: t.String(), name: t.String() }),
    detail: { summary: 'The signed-in user', tags: ['auth'] },
  });
}
