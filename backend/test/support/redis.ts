/** Removes a test run's keys from a shared Redis (never FLUSH: other suites use it too). */
import { createClient } from 'redis';

export async function deleteRedisPrefix(url: string, prefix: string): Promise<void> {
  const redis = createClient({ url });
  await redis.connect();
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length > 0) await redis.del(keys);
  await redis.close();
}
