/** Who is signed in: the kino_session cookie holds the access token itself. */
import type { CinemaContext } from '../context.ts';
import type { SeedUser } from '../data/seed.ts';
import { sessionTokenOf } from '../http/cookies.ts';
import { signCinemaToken, verifyCinemaToken } from '../token.ts';

export interface Session {
  user: SeedUser;
  token: string;
}

export async function readSession(req: Request, ctx: CinemaContext): Promise<Session | null> {
  const token = sessionTokenOf(req);
  if (!token) return null;
  const claims = await verifyCinemaToken(token, {
    secret: ctx.config.jwtSecret,
    issuer: ctx.config.issuer,
    audience: ctx.config.audience,
  });
  const user = claims ? ctx.directory.findUser(claims.sub) : undefined;
  return user ? { user, token } : null;
}

export function issueToken(user: SeedUser, ctx: CinemaContext): Promise<string> {
  return signCinemaToken({
    sub: user.id,
    name: user.name,
    secret: ctx.config.jwtSecret,
    issuer: ctx.config.issuer,
    audience: ctx.config.audience,
  });
}
