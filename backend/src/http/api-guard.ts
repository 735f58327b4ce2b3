/**
 * Every /api request is authenticated and counted against its user's rate before anything
 * else happens to it — in particular before its body is read (body-guard.ts), so an anonymous
 * client cannot make the server read, parse or validate anything. 401 / 429 + Retry-After.
 */
import { Elysia } from 'elysia';
import { HttpError } from './errors.ts';
import type { createUserRateLimiter } from './user-rate-limit.ts';

export interface ApiGuardOptions {
  /** The request's user (verifies its token once per request; throws a 401 HttpError). */
  authenticate(request: Request): Promise<{ id: string }>;
  limiter: ReturnType<typeof createUserRateLimiter>;
}

export function apiGuard(options: ApiGuardOptions) {
  return new Elysia({ name: 'kino-api-guard' }).onRequest(async ({ request }) => {
    if (request.method === 'OPTIONS') return;
    if (!new URL(request.url).pathname.startsWith('/api/')) return;
    const user = await options.authenticate(request);
    const verdict = await options.limiter.take(user.id);
    if (!verdict.allowed) {
      throw new HttpError(
        429,
        'rate_limited',
        `Too many requests; try again in ${verdict.retryAfterSeconds} s`,
        { retryAfterSeconds: verdict.retryAfterSeconds },
        verdict.retryAfterSeconds,
      );
    }
  });
}
