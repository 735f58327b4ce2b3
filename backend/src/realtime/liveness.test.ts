import { describe, expect, test } from 'bun:test';
import {
  DEAD_AFTER_MS,
  HEARTBEAT_EVERY_MS,
  isStaleEntry,
  newLiveness,
  noteAlive,
  TOUCH_AT_MOST_EVERY_MS,
  touchEveryMs,
} from './liveness.ts';

const local = new Set(['conn-here']);
const hasLocal = (id: string) => local.has(id);

describe('isStaleEntry', () => {
  const started = newLiveness('me', 0);

  test('own entries are stale exactly when no local socket holds them', () => {
    expect(
      isStaleEntry(started, { instanceId: 'me', connectionId: 'conn-here' }, hasLocal, 1),
    ).toBe(false);
    expect(
      isStaleEntry(started, { instanceId: 'me', connectionId: 'conn-gone' }, hasLocal, 1),
    ).toBe(true);
  });

  test('another instance is not judged before we listened long enough', () => {
    expect(
      isStaleEntry(
        started,
        { instanceId: 'other', connectionId: 'x' },
        hasLocal,
        DEAD_AFTER_MS - 1,
      ),
    ).toBe(false);
  });

  test('a silent instance is dead, a heard one alive until it goes silent', () => {
    const now = DEAD_AFTER_MS + 1_000;
    const heard = noteAlive(started, 'other', now - 1_000);
    const entry = { instanceId: 'other', connectionId: 'x' };
    expect(isStaleEntry(started, entry, hasLocal, now)).toBe(true);
    expect(isStaleEntry(heard, entry, hasLocal, now)).toBe(false);
    expect(isStaleEntry(heard, entry, hasLocal, now + DEAD_AFTER_MS)).toBe(true);
  });

  test('noteAlive does not mutate', () => {
    noteAlive(started, 'other', 5);
    expect(started.lastSeen.size).toBe(0);
  });
});

test('idle clocks: a tenth of the TTL, at most a minute, at least every heartbeat', () => {
  expect(touchEveryMs(undefined)).toBe(TOUCH_AT_MOST_EVERY_MS);
  expect(touchEveryMs(30 * 60_000)).toBe(TOUCH_AT_MOST_EVERY_MS);
  expect(touchEveryMs(5 * 60_000)).toBe(30_000);
  expect(touchEveryMs(10_000)).toBe(HEARTBEAT_EVERY_MS);
});
