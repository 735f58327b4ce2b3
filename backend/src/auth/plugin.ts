/**
 * Auth as a named Elysia plugin: routes opt in with `{ auth: true }` and get
 * `user` resolved from the Bearer token, or the request ends in a 401 JSON.
 */
import { Elysia } from 'elysia';
import { type AuthDeps, bearerToken, verifyAccessToken } from './verify.ts';

export function authPlugin(deps: AuthDeps) {
  return new Elysia({ name: 'kino-auth', seed: deps.config }).macro({
    auth: {
      async resolve({ headers }) {
        const user = await verifyAccessToken(bearerToken(headers.authorization), deps);
        return { user };
      },
    },
  });
}
