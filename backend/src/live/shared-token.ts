/**
 * A token from the live store's shared (cross-instance) bucket, for a caller whose own bucket
 * on this instance has allowed already: true when the shared bucket allows, or when it does
 * not answer within `waitMs` or fails (then this instance's decision stands: an outage of the
 * store never turns into a refusal). Used by the realtime budgets and the API's.
 */
import type { RateLimit } from '@kino/shared/room/rate-limit';
import type { LiveStore } from './types.ts';

export function takeSharedToken(
  store: Pick<LiveStore, 'takeToken'>,
  key: string,
  limit: RateLimit,
  now: number,
  opts: { waitMs: number; onError(error: unknown): void },
): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const unsure = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(true), opts.waitMs);
  });
  const shared = store.takeToken(key, limit, now).catch((error: unknown) => {
    opts.onError(error);
    return true;
  });
  return Promise.race([shared, unsure]).finally(() => clearTimeout(timer));
}
