import { createMemoryLiveStore } from './memory.ts';
import { createRedisLiveStore } from './redis.ts';
import { createSnapshottedMemoryStore } from './snapshot.ts';
import type { LiveStore } from './types.ts';

export type { LiveStore, RoomEvent } from './types.ts';

/**
 * Redis when a URL is configured (state survives restarts, instances share it).
 * Otherwise in-process memory, kept across graceful restarts in `snapshotPath` when given.
 */
export async function createLiveStore(config: {
  redisUrl?: string;
  redisPrefix?: string;
  snapshotPath?: string;
}): Promise<LiveStore> {
  if (config.redisUrl) {
    return createRedisLiveStore({ url: config.redisUrl, prefix: config.redisPrefix });
  }
  return config.snapshotPath
    ? createSnapshottedMemoryStore(config.snapshotPath)
    : createMemoryLiveStore();
}
