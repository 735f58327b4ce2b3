/**
 * The benchmark's own Postgres database and Redis key prefix (Bun's built-in clients,
 * so the scripts package needs no driver), created fresh and removed at the end.
 */
import { randomUUID } from 'node:crypto';
import { RedisClient, SQL } from 'bun';

export const POSTGRES_ADMIN_URL =
  process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';

export interface BenchDatabase {
  /** The database's name: its Postgres backends carry it in their process titles. */
  name: string;
  url: string;
  drop(): Promise<void>;
}

export async function createBenchDatabase(): Promise<BenchDatabase> {
  const name = `kino_bench_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
  const admin = new SQL(POSTGRES_ADMIN_URL);
  await admin.unsafe(`CREATE DATABASE ${name}`);
  await admin.close();
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    async drop() {
      const client = new SQL(POSTGRES_ADMIN_URL);
      await client.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.close();
    },
  };
}

export const newRedisPrefix = () => `kino_bench_${randomUUID().slice(0, 8)}:`;

/** Deletes every key under the prefix (SCAN, not KEYS, so Redis is never blocked). */
export async function deleteRedisPrefix(prefix: string): Promise<number> {
  const redis = new RedisClient(REDIS_URL);
  let cursor = '0';
  let deleted = 0;
  do {
    const [next, keys] = (await redis.send('SCAN', [
      cursor,
      'MATCH',
      `${prefix}*`,
      'COUNT',
      '1000',
    ])) as [string, string[]];
    cursor = next;
    if (keys.length > 0) deleted += Number(await redis.send('UNLINK', keys));
  } while (cursor !== '0');
  redis.close();
  return deleted;
}
