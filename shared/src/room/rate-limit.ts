/**
 * Token-bucket rate limiting as a pure function: (bucket, now) → (allowed, bucket).
 * Each connection holds one bucket per message class, so a chat flood cannot starve
 * its own pings or playback commands.
 */

export type MessageClass = 'chat' | 'command' | 'other';

export interface RateLimit {
  /** Tokens refilled per second (sustained rate). */
  perSecond: number;
  /** Bucket size (largest burst). */
  burst: number;
}

export interface Bucket {
  tokens: number;
  /** Time (ms) the tokens were last computed. */
  updatedAt: number;
}

export const RATE_LIMITS: Record<MessageClass, RateLimit> = {
  chat: { perSecond: 5, burst: 10 },
  command: { perSecond: 10, burst: 20 },
  other: { perSecond: 20, burst: 40 },
};

export function fullBucket(limit: RateLimit, now: number): Bucket {
  return { tokens: limit.burst, updatedAt: now };
}

export function takeToken(
  bucket: Bucket,
  limit: RateLimit,
  now: number,
): { allowed: boolean; bucket: Bucket } {
  // A clock that steps back must not mint or burn tokens.
  const elapsed = Math.max(0, now - bucket.updatedAt);
  const tokens = Math.min(limit.burst, bucket.tokens + (elapsed / 1000) * limit.perSecond);
  const updatedAt = Math.max(now, bucket.updatedAt);
  if (tokens >= 1) return { allowed: true, bucket: { tokens: tokens - 1, updatedAt } };
  return { allowed: false, bucket: { tokens, updatedAt } };
}

export type RateBuckets = Record<MessageClass, Bucket>;

export function freshBuckets(now: number, limits = RATE_LIMITS): RateBuckets {
  return {
    chat: fullBucket(limits.chat, now),
    command: fullBucket(limits.command, now),
    other: fullBucket(limits.other, now),
  };
}

export function takeForClass(
  buckets: RateBuckets,
  messageClass: MessageClass,
  now: number,
  limits = RATE_LIMITS,
): { allowed: boolean; buckets: RateBuckets } {
  const { allowed, bucket } = takeToken(buckets[messageClass], limits[messageClass], now);
  return { allowed, buckets: { ...buckets, [messageClass]: bucket } };
}

/** Which bucket a client message type draws from. */
export function classOf(messageType: string): MessageClass {
  switch (messageType) {
    case 'chat':
    case 'reaction':
      return 'chat';
    case 'play':
    case 'pause':
    case 'seek':
    case 'buffering':
    case 'player':
    case 'settings':
      return 'command';
    default:
      return 'other';
  }
}
