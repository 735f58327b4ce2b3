import { expect, test } from 'bun:test';
import { retryDelayMs } from './backoff.ts';

test('retry delays double from the base and stop at the cap', () => {
  const policy = { baseMs: 1000, maxMs: 10_000 };
  expect([1, 2, 3, 4, 5, 6].map((n) => retryDelayMs(n, policy))).toEqual([
    1000, 2000, 4000, 8000, 10_000, 10_000,
  ]);
  expect(retryDelayMs(0, policy)).toBe(1000);
  expect(retryDelayMs(10_000, policy)).toBe(10_000);
});
