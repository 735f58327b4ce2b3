import { describe, expect, test } from 'bun:test';
import { firstGap, resumeCursor, settleGap } from './chat-gaps.ts';

const page = (cursors: number[], hasMore: boolean) => ({
  messages: cursors.map((cursor) => ({ cursor })),
  hasMore,
});

describe('firstGap', () => {
  test('consecutive cursors have no gap', () => {
    expect(firstGap([4, 5, 6])).toBeNull();
    expect(firstGap([])).toBeNull();
  });
  test('the lowest jump is the first gap', () => {
    expect(firstGap([1, 2, 5, 6, 9])).toEqual({ after: 2, before: 5 });
  });
  test('settled gaps are skipped', () => {
    expect(firstGap([1, 2, 5, 6, 9], 5)).toEqual({ after: 6, before: 9 });
    expect(firstGap([1, 2, 5, 6, 9], 9)).toBeNull();
  });
});

test('a reconnect resumes before the first gap, not from the highest cursor', () => {
  expect(resumeCursor([3, 4, 8, 9])).toBe(4);
  expect(resumeCursor([3, 4, 5])).toBe(5);
  expect(resumeCursor([3, 4, 8, 9], 8)).toBe(9);
  expect(resumeCursor([])).toBeUndefined();
});

describe('settleGap', () => {
  const gap = { after: 10, before: 40 };
  test('a page reaching down to the gap settles it', () => {
    expect(settleGap(gap, page([11, 12, 39], true), 0)).toBe(40);
    expect(settleGap(gap, page([5, 6, 39], true), 0)).toBe(40);
  });
  test('a page that stops inside the gap leaves the rest to ask for', () => {
    expect(settleGap(gap, page([30, 31, 39], true), 0)).toBe(0);
  });
  test('the start of the chat, or an empty page, settles it too', () => {
    expect(settleGap(gap, page([30], false), 0)).toBe(40);
    expect(settleGap(gap, page([], true), 0)).toBe(40);
  });
});
