import { expect, test } from 'bun:test';
import { createUserRateLimiter } from './user-rate-limit.ts';

test('each user has a burst, then a sustained rate; others are not affected', () => {
  let now = 0;
  const limiter = createUserRateLimiter({ perSecond: 2, burst: 3 }, () => now);
  expect([1, 2, 3].map(() => limiter.take('anna').allowed)).toEqual([true, true, true]);
  expect(limiter.take('anna')).toEqual({ allowed: false, retryAfterSeconds: 1 });
  expect(limiter.take('boris').allowed).toBe(true);
  now += 500; // one token back at 2 per second
  expect(limiter.take('anna').allowed).toBe(true);
  expect(limiter.take('anna').allowed).toBe(false);
  now += 10_000; // refilled to the burst, not beyond
  expect([1, 2, 3, 4].map(() => limiter.take('anna').allowed)).toEqual([true, true, true, false]);
});
