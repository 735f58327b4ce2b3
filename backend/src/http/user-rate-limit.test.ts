import { describe, expect, test } from 'bun:test';
import { createMemoryLiveState, createMemoryLiveStore } from '../live/memory.ts';
import { createUserRateLimiter } from './user-rate-limit.ts';

const LIMIT = { perSecond: 2, burst: 3 };
const allowed = async (take: Promise<{ allowed: boolean }>) => (await take).allowed;

test('each user has a burst, then a sustained rate; others are not affected', async () => {
  let now = 0;
  const limiter = createUserRateLimiter(LIMIT, () => now);
  const anna = () => allowed(limiter.take('anna'));
  expect([await anna(), await anna(), await anna()]).toEqual([true, true, true]);
  expect(await limiter.take('anna')).toEqual({ allowed: false, retryAfterSeconds: 1 });
  expect(await allowed(limiter.take('boris'))).toBe(true);
  now += 500; // one token back at 2 per second
  expect(await anna()).toBe(true);
  expect(await anna()).toBe(false);
  now += 10_000; // refilled to the burst, not beyond
  expect([await anna(), await anna(), await anna(), await anna()]).toEqual([
    true,
    true,
    true,
    false,
  ]);
});

describe('across instances', () => {
  test('a user has one budget whichever instance a request reaches', async () => {
    const now = 0;
    const store = createMemoryLiveStore(createMemoryLiveState());
    const shared = { store, waitMs: 1_000, onError: () => {} };
    const [a, b] = [1, 2].map(() => createUserRateLimiter(LIMIT, () => now, shared));
    // Alternating between two instances: three in all, not three on each.
    const verdicts = [];
    for (const limiter of [a!, b!, a!, b!, a!, b!]) verdicts.push(await limiter.take('anna'));
    expect(verdicts.map((v) => v.allowed)).toEqual([true, true, true, false, false, false]);
    expect(verdicts[3]).toEqual({ allowed: false, retryAfterSeconds: 1 });
    expect(await allowed(b!.take('boris'))).toBe(true);
  });

  test('a shared bucket away or slow never refuses: this instance decides', async () => {
    const errors: unknown[] = [];
    const away = {
      store: { takeToken: () => Promise.reject(new Error('redis away')) },
      waitMs: 1_000,
      onError: (error: unknown) => void errors.push(error),
    };
    const limiter = createUserRateLimiter(LIMIT, () => 0, away);
    const verdicts = [];
    for (let i = 0; i < 4; i++) verdicts.push(await allowed(limiter.take('anna')));
    expect(verdicts).toEqual([true, true, true, false]);
    expect(errors).toHaveLength(3);

    const slow = {
      store: { takeToken: () => new Promise<boolean>(() => {}) },
      waitMs: 20,
      onError: () => {},
    };
    const patient = createUserRateLimiter(LIMIT, () => 0, slow);
    const started = performance.now();
    expect(await allowed(patient.take('anna'))).toBe(true);
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});
