import { createMemoryLiveStore } from './memory.ts';
import { createRedisLiveStore } from './redis.ts';
import type { LiveStore } from './types.ts';

export type { LiveStore, RoomEvent } from './types.ts';

/** Redis when a URL is configured (state survives restarts, instances share it), else in-process. */
export async function createLiveStore(config: {
  redisUrl?: string;
  redisPrefix?: string;
}): Promise<LiveStore> {
  if (config.redisUrl) {
    return createRedisLiveStore({ url: config.redisUrl, prefix: config.redisPrefix });
  }
  return createMemoryLiveStore();
}
