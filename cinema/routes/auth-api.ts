/** JSON sign-in API used by scripts and the extension's site adapter (same origin). */
import { issueToken, readSession } from '../auth/session.ts';
import type { CinemaContext } from '../context.ts';
import { parseCredentials, parseJson, readSmallBody } from '../http/body.ts';
import { clearedSessionCookie, sessionCookie } from '../http/cookies.ts';
import { json, jsonError } from '../http/json.ts';
import type { Routes } from '../http/routes.ts';

export const WRONG_CREDENTIALS = 'Wrong login or password';

export function authApiRoutes(ctx: CinemaContext): Routes {
  return {
    '/api/login': {
      async POST(req) {
        const body = await readSmallBody(req);
        if (!body.ok) return jsonError(400, body.error);
        const parsed = parseJson(body.value);
        if (!parsed.ok) return jsonError(400, parsed.error);
        const creds = parseCredentials(parsed.value);
        if (!creds.ok) return jsonError(400, creds.error);

        const user = await ctx.directory.checkPassword(creds.value.login, creds.value.password);
        if (!user) return jsonError(401, WRONG_CREDENTIALS);
        const accessToken = await issueToken(user, ctx);
        return json(
          { accessToken, user: { id: user.id, name: user.name } },
          { headers: { 'Set-Cookie': sessionCookie(accessToken) } },
        );
      },
    },
    '/api/session': {
      async GET(req) {
        const session = await readSession(req, ctx);
        if (!session) return jsonError(401, 'Not signed in');
        return json({
          accessToken: session.token,
          user: { id: session.user.id, name: session.user.name },
        });
      },
    },
    '/api/logout': {
      POST: () => json({ ok: true }, { headers: { 'Set-Cookie': clearedSessionCookie() } }),
    },
  };
}
