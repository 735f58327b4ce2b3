/**
 * Auth as a named Elysia plugin: routes opt in with `{ auth: true }` and get
 * `user` resolved from the Bearer token, or the request ends in a 401 JSON.
 * The body guard (http/body-guard.ts) may have verified the token already, before
 * reading the body; the answer is kept per request so it is verified once.
 */
import { Elysia } from 'elysia';
import { type AuthDeps, type AuthUser, bearerToken, verifyAccessToken } from './verify.ts';

const verified = new WeakMap<Request, Promise<AuthUser>>();

/** The request's user, verifying its token on first use; rejects with a 401 AuthError. */
export function authenticate(request: Request, deps: AuthDeps): Promise<AuthUser> {
  let user = verified.get(request);
  if (!user) {
    user = Promise.resolve().then(() =>
      verifyAccessToken(bearerToken(request.headers.get('authorization')), deps),
    );
    verified.set(request, user);
  }
  return user;
}

export function authPlugin(deps: AuthDeps) {
  return new Elysia({ name: 'kino-auth', seed: deps.config }).macro({
    auth: {
      async resolve({ request }) {
        return { user: await authenticate(request, deps) };
      },
    },
  });
}
