/** The `kino_session` cookie: its value is the access token (a JWT). */
import { TOKEN_LIFETIME_SEC } from '../token.ts';

export const SESSION_COOKIE = 'kino_session';

/** The session token a request carries, read with Bun's own cookie parser. */
export function sessionTokenOf(req: Request): string | null {
  return new Bun.CookieMap(req.headers.get('cookie') ?? '').get(SESSION_COOKIE);
}

export function sessionCookie(token: string): string {
  return `${SESSION_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${TOKEN_LIFETIME_SEC}`;
}

export function clearedSessionCookie(): string {
  return `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0`;
}
