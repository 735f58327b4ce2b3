/**
 * A request budget per signed-in user (per instance): a token bucket, the same pure one the
 * realtime hub uses. It keeps one account from turning the API into load on the cinema's user
 * service (every unknown film id is a lookup) or on the database. Quotas (rooms/quota.ts)
 * bound what reaches other people; this bounds the rate. The numbers are configuration
 * (API_RATE_PER_SECOND, API_RATE_BURST; defaults in config.ts).
 */
import { type Bucket, fullBucket, type RateLimit, takeToken } from '@kino/shared/room/rate-limit';

/** Users remembered at once; the least recently seen are forgotten (a full bucket anyway). */
const MAX_TRACKED_USERS = 10_000;

export type RateVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export function createUserRateLimiter(limit: RateLimit, clock: () => number) {
  const buckets = new Map<string, Bucket>();
  return {
    take(userId: string): RateVerdict {
      const now = clock();
      const current = buckets.get(userId) ?? fullBucket(limit, now);
      const { allowed, bucket } = takeToken(current, limit, now);
      // Re-inserted, so the Map's order is least recently seen first.
      buckets.delete(userId);
      buckets.set(userId, bucket);
      if (buckets.size > MAX_TRACKED_USERS) {
        buckets.delete(buckets.keys().next().value as string);
      }
      if (allowed) return { allowed: true };
      return {
        allowed: false,
        retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / limit.perSecond)),
      };
    },
  };
}
