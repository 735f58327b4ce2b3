/**
 * Chat and command budgets per person, not per socket: all of a user's connections in a room
 * draw from one bucket per class — on this instance at once (in memory, decided on arrival),
 * and across instances through the live store's shared bucket. When the shared bucket is slow
 * or away, this instance's decision stands: a store outage never turns into `rate_limited`.
 * While this instance serves the room alone, every connection of the person in it is here and
 * the local bucket is the whole answer: no round trip to Redis. (The shared bucket knows
 * nothing of what was spent meanwhile, so in the moment another instance joins the room a
 * person may spend up to one more burst there: a bound, not a leak.)
 */

import type { Bucket } from '@kino/shared/room/rate-limit';
import { classOf, type MessageClass, RATE_LIMITS, takeToken } from '@kino/shared/room/rate-limit';
import { takeSharedToken } from '../live/shared-token.ts';
import type { LiveStore } from '../live/types.ts';
import { SHARED_BUDGET_WAIT_MS } from './limits.ts';

/** Classes budgeted per person; the rest (pings, history) stay per connection. */
const PER_USER: ReadonlySet<MessageClass> = new Set<MessageClass>(['chat', 'command']);

export interface UserBudgets {
  /**
   * Spends a token for `messageType` by `userId` in `roomId` at `now`: false when this
   * instance already refuses; else a promise of the shared decision (true when unsure).
   */
  take(roomId: string, userId: string, messageType: string, now: number): false | Promise<boolean>;
  /** Forgets buckets nobody used for a while (they are full again anyway). */
  sweep(now: number): void;
}

const ALLOWED = Promise.resolve(true);

export function createUserBudgets(
  live: LiveStore,
  onError: (error: unknown) => void,
  servedAlone: (roomId: string) => boolean = () => false,
): UserBudgets {
  const local = new Map<string, Bucket>();
  return {
    take(roomId, userId, messageType, now) {
      const messageClass = classOf(messageType);
      if (!PER_USER.has(messageClass)) return ALLOWED;
      const limit = RATE_LIMITS[messageClass];
      const key = `${roomId}|${userId}|${messageClass}`;
      const taken = takeToken(
        local.get(key) ?? { tokens: limit.burst, updatedAt: now },
        limit,
        now,
      );
      local.set(key, taken.bucket);
      if (!taken.allowed) return false;
      if (servedAlone(roomId)) return ALLOWED;
      return takeSharedToken(live, key, limit, now, { waitMs: SHARED_BUDGET_WAIT_MS, onError });
    },
    sweep(now) {
      for (const [key, bucket] of local) {
        if (now - bucket.updatedAt > 60_000) local.delete(key);
      }
    },
  };
}
