/**
 * A request budget per signed-in user: a token bucket, the same pure one the realtime hub
 * uses. It keeps one account from turning the API into load on the cinema's user service
 * (every unknown film id is a lookup) or on the database. Quotas (rooms/quota.ts) bound what
 * reaches other people; this bounds the rate. The numbers are configuration
 * (API_RATE_PER_SECOND, API_RATE_BURST; defaults in config.ts).
 * The budget is the user's across instances: this instance's bucket decides at once, and what
 * it allows is also drawn from the live store's shared bucket (a balancer spreading a user's
 * requests over N instances would otherwise give N budgets). When the shared bucket is slow
 * or away, this instance's decision stands: a store outage never turns into 429s.
 */
import { type Bucket, fullBucket, type RateLimit, takeToken } from '@kino/shared/room/rate-limit';
import { takeSharedToken } from '../live/shared-token.ts';
import type { LiveStore } from '../live/types.ts';

/** Users remembered at once; the least recently seen are forgotten (a full bucket anyway). */
const MAX_TRACKED_USERS = 10_000;

export type RateVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export interface SharedBudget {
  store: Pick<LiveStore, 'takeToken'>;
  /** How long a request waits for the shared decision before this instance's stands. */
  waitMs: number;
  onError(error: unknown): void;
}

export function createUserRateLimiter(
  limit: RateLimit,
  clock: () => number,
  shared?: SharedBudget,
) {
  const buckets = new Map<string, Bucket>();
  const refused = (tokens: number): RateVerdict => ({
    allowed: false,
    retryAfterSeconds: Math.max(1, Math.ceil((1 - tokens) / limit.perSecond)),
  });

  function takeHere(userId: string, now: number): RateVerdict {
    const current = buckets.get(userId) ?? fullBucket(limit, now);
    const { allowed, bucket } = takeToken(current, limit, now);
    // Re-inserted, so the Map's order is least recently seen first.
    buckets.delete(userId);
    buckets.set(userId, bucket);
    if (buckets.size > MAX_TRACKED_USERS) {
      buckets.delete(buckets.keys().next().value as string);
    }
    return allowed ? { allowed: true } : refused(bucket.tokens);
  }

  return {
    async take(userId: string): Promise<RateVerdict> {
      const now = clock();
      const here = takeHere(userId, now);
      if (!here.allowed || !shared) return here;
      // The shared bucket says nothing of its tokens: ask again after one token's time.
      const allowed = await takeSharedToken(shared.store, `api|${userId}`, limit, now, shared);
      return allowed ? here : refused(0);
    },
  };
}
