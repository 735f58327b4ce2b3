import { expect, test } from 'bun:test';
import { isRoomIdle } from './expiry.ts';

test('a room is idle only when empty and quiet for the whole TTL', () => {
  const ttl = 60_000;
  expect(isRoomIdle({ lastActivityAt: 0, participantCount: 0 }, 59_999, ttl)).toBe(false);
  expect(isRoomIdle({ lastActivityAt: 0, participantCount: 0 }, 60_000, ttl)).toBe(true);
  expect(isRoomIdle({ lastActivityAt: 0, participantCount: 1 }, 10 * ttl, ttl)).toBe(false);
  expect(isRoomIdle({ lastActivityAt: 50_000, participantCount: 0 }, 100_000, ttl)).toBe(false);
});
