import { describe, expect, test } from 'bun:test';
import { createCachedDirectory } from './cache.ts';
import type { Directory } from './types.ts';

function countingDirectory() {
  const calls: string[] = [];
  let failNext = false;
  const directory: Directory = {
    async getUser(id) {
      calls.push(`user:${id}`);
      if (failNext) {
        failNext = false;
        throw new Error('cinema down');
      }
      return { id, name: id.toUpperCase(), email: `${id}@x`, locale: 'ru' };
    },
    async getFriends(userId, opts) {
      calls.push(`friends:${userId}:${opts?.wantsFilm ?? ''}`);
      return [{ id: 'boris', name: 'B', email: 'b@x' }];
    },
    async getFilm(id) {
      calls.push(`film:${id}`);
      return null;
    },
  };
  return { directory, calls, failOnce: () => (failNext = true) };
}

describe('cached directory', () => {
  test('answers repeat questions from the cache until the TTL passes', async () => {
    let now = 0;
    const inner = countingDirectory();
    const cached = createCachedDirectory(inner.directory, { ttlMs: 30_000, clock: () => now });
    await cached.getUser('anna');
    await cached.getUser('anna');
    await cached.getFilm('f');
    await cached.getFilm('f');
    now = 29_999;
    await cached.getUser('anna');
    expect(inner.calls).toEqual(['user:anna', 'film:f']);
    now = 30_000;
    await cached.getUser('anna');
    expect(inner.calls).toEqual(['user:anna', 'film:f', 'user:anna']);
  });

  test('friend lists are cached per film filter', async () => {
    const inner = countingDirectory();
    const cached = createCachedDirectory(inner.directory, { ttlMs: 1000, clock: () => 0 });
    await cached.getFriends('anna');
    await cached.getFriends('anna', { wantsFilm: 'x' });
    await cached.getFriends('anna', { wantsFilm: 'x' });
    expect(inner.calls).toEqual(['friends:anna:', 'friends:anna:x']);
  });

  test('failures are not cached, and callers cannot mutate cached values', async () => {
    const inner = countingDirectory();
    const cached = createCachedDirectory(inner.directory, { ttlMs: 1000, clock: () => 0 });
    inner.failOnce();
    await expect(cached.getUser('anna')).rejects.toThrow('cinema down');
    const user = await cached.getUser('anna');
    user!.name = 'changed';
    expect((await cached.getUser('anna'))!.name).toBe('ANNA');
    expect(inner.calls).toEqual(['user:anna', 'user:anna']);
  });
});
