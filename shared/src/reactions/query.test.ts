import { describe, expect, test } from 'bun:test';
import { parseNumericQuery, parseWindowQuery } from './query.ts';
import { HistogramQuerySchema, MAX_WINDOW_SEC } from './schema.ts';

const q = (text: string) => new URLSearchParams(text);

describe('parseNumericQuery', () => {
  test('plain decimals pass and become numbers', () => {
    expect(parseNumericQuery(HistogramQuerySchema, q('duration=7200.5'))).toEqual({
      ok: true,
      value: { duration: 7200.5 },
    });
  });
  test.each([
    ['duration=1e3', 'duration: expected a decimal number'],
    ['duration=Infinity', 'duration: expected a decimal number'],
    ['duration=', 'duration: expected a decimal number'],
    ['duration=0x10', 'duration: expected a decimal number'],
    ['duration=5&duration=6', 'duration: given more than once'],
    ['duration=5&x=1', 'x: unknown parameter'],
    ['duration=0', 'duration: '],
    ['duration=999999', 'duration: '],
    ['', 'duration: '],
  ])('%p is refused with a message naming the field', (text, start) => {
    const result = parseNumericQuery(HistogramQuerySchema, q(text));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message.startsWith(start)).toBe(true);
  });
});

describe('parseWindowQuery', () => {
  test('a window with a page continuation', () => {
    expect(parseWindowQuery(q('from=60&to=180&afterCursor=12&limit=20'))).toEqual({
      ok: true,
      value: { from: 60, to: 180, afterCursor: 12, limit: 20 },
    });
  });
  test.each([
    ['from=60&to=60', 'to: must be greater than from'],
    [`from=0&to=${MAX_WINDOW_SEC + 1}`, `to: a window spans at most ${MAX_WINDOW_SEC} s`],
    ['from=-1&to=5', 'from: '],
    ['from=0&to=5&limit=101', 'limit: '],
    ['from=0&to=5&limit=2.5', 'limit: '],
    ['from=0&to=5&afterCursor=-1', 'afterCursor: '],
    ['to=5', 'from: '],
  ])('%p is refused', (text, start) => {
    const result = parseWindowQuery(q(text));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message.startsWith(start)).toBe(true);
  });
});
