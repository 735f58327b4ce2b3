import { describe, expect, test } from 'bun:test';
import {
  encodedBytes,
  fitListIntoFrame,
  fitNewest,
  jsonBytes,
  MAX_SERVER_FRAME_BYTES,
  utf8Length,
} from './frame-budget.ts';

describe('utf8Length matches the platform encoder', () => {
  const samples = [
    '',
    'ascii',
    'Привет, мир',
    '日本語',
    '😀😱🔥',
    'mixed Ё 😀 字 a',
    'lone high \uD83D',
    '\uDE00 lone low',
    '\uD83D\uD83D pair after a lone half \uDE00',
  ];
  for (const sample of samples) {
    test(JSON.stringify(sample), () => {
      expect(utf8Length(sample)).toBe(encodedBytes(sample));
    });
  }
});

describe('fitNewest', () => {
  const items = ['aaaa', 'bbbb', 'cccc']; // each is 6 bytes as JSON ("aaaa")

  test('keeps the newest items that fit, with the commas counted', () => {
    expect(fitNewest(items, 6 + 1 + 6)).toEqual({ items: ['bbbb', 'cccc'], cut: true });
    expect(fitNewest(items, 6 + 1 + 5)).toEqual({ items: ['cccc'], cut: true });
    expect(fitNewest(items, 20)).toEqual({ items, cut: false });
  });

  test('never more than maxCount', () => {
    expect(fitNewest(items, 1_000, 2)).toEqual({ items: ['bbbb', 'cccc'], cut: true });
  });

  test('nothing fits: empty, cut', () => {
    expect(fitNewest(items, 3)).toEqual({ items: [], cut: true });
    expect(fitNewest([], 3)).toEqual({ items: [], cut: false });
  });
});

test('fitListIntoFrame: the whole frame stays within the budget', () => {
  const lines = Array.from({ length: 60 }, (_, i) => ({ id: i, text: 'Ж'.repeat(500) }));
  const { message, cut } = fitListIntoFrame(lines, (list, more) => ({
    type: 'history',
    messages: list,
    hasMore: more,
  }));
  expect(cut).toBe(true);
  expect(jsonBytes(message)).toBeLessThanOrEqual(MAX_SERVER_FRAME_BYTES);
  expect(message.messages.at(-1)).toEqual(lines.at(-1)!);
  // One more would not have fitted.
  const oneMore = { ...message, messages: lines.slice(-(message.messages.length + 1)) };
  expect(jsonBytes(oneMore)).toBeGreaterThan(MAX_SERVER_FRAME_BYTES);
});
