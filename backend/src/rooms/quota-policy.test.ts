import { expect, test } from 'bun:test';
import { quotaVerdict } from './quota-policy.ts';

const window = 600_000;

test('under the limit: allowed', () => {
  expect(quotaVerdict([], 1, 5, window)).toEqual({ ok: true });
  expect(quotaVerdict([40, 30, 20, 10], 1, 5, window)).toEqual({ ok: true });
  expect(quotaVerdict([20, 10], 3, 5, window)).toEqual({ ok: true });
});

test('at the limit: refused until the oldest that must go has left the window', () => {
  // Five rooms at 50, 40, 30, 20, 10: a sixth fits once the one at 10 is out.
  expect(quotaVerdict([50, 40, 30, 20, 10], 1, 5, window)).toEqual({
    ok: false,
    retryAt: 10 + window,
  });
  // Three invites more with four of five used: the three oldest must go.
  expect(quotaVerdict([50, 40, 30, 20], 3, 5, window)).toEqual({ ok: false, retryAt: 30 + window });
});

test('over the limit already (the limit was lowered): waits for enough to expire', () => {
  expect(quotaVerdict([70, 60, 50, 40, 30, 20, 10], 1, 3, window)).toEqual({
    ok: false,
    retryAt: 50 + window,
  });
});

test('more at once than the limit can ever allow is a caller error', () => {
  expect(() => quotaVerdict([], 6, 5, window)).toThrow(RangeError);
});
