/**
 * A brief cache in front of a Directory: friend lists and profiles change rarely,
 * and a room creation asks for the same ones several times. Only successful
 * answers are cached, so a cinema outage is retried on the next request.
 */
import type { Directory } from './types.ts';

interface Entry {
  value: unknown;
  expiresAt: number;
}

export function createCachedDirectory(
  inner: Directory,
  options: { ttlMs: number; clock: () => number; maxEntries?: number },
): Directory {
  const entries = new Map<string, Entry>();
  const maxEntries = options.maxEntries ?? 1000;

  async function cached<T>(key: string, load: () => Promise<T>): Promise<T> {
    const now = options.clock();
    const hit = entries.get(key);
    if (hit && hit.expiresAt > now) return structuredClone(hit.value) as T;
    const value = await load();
    if (entries.size >= maxEntries) entries.clear();
    entries.set(key, { value: structuredClone(value), expiresAt: now + options.ttlMs });
    return value;
  }

  return {
    getUser: (id) => cached(`user:${id}`, () => inner.getUser(id)),
    getFriends: (userId, opts) =>
      cached(`friends:${userId}:${opts?.wantsFilm ?? ''}`, () => inner.getFriends(userId, opts)),
    getFilm: (id) => cached(`film:${id}`, () => inner.getFilm(id)),
  };
}
