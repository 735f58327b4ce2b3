import { describe, expect, test } from 'bun:test';
import { randomUUID } from 'node:crypto';
import { hasRedis, REDIS_TEST_URL } from '@kino/test-support/services';
import { createClient } from 'redis';
import { createRedisLiveStore } from '../../src/live/redis.ts';
import { liveStoreContract } from './contract.ts';

let prefix = '';

describe.skipIf(!hasRedis)('redis live store', () => {
  liveStoreContract('redis', {
    async reset() {
      prefix = `kino_t_${randomUUID()}:`;
    },
    async open() {
      return createRedisLiveStore({ url: REDIS_TEST_URL, prefix });
    },
    async cleanup() {
      const admin = createClient({ url: REDIS_TEST_URL });
      await admin.connect();
      const keys = await admin.keys(`${prefix}*`);
      if (keys.length > 0) await admin.del(keys);
      await admin.close();
    },
  });
});

test('an unreachable Redis fails the start with a clear error instead of hanging', async () => {
  const probe = Bun.serve({ port: 0, fetch: () => new Response('') });
  const port = probe.port;
  probe.stop(true);
  await expect(createRedisLiveStore({ url: `redis://127.0.0.1:${port}` })).rejects.toThrow(
    /Redis at redis:\/\/127\.0\.0\.1:\d+ is unreachable/,
  );
});
