import { expect, test } from 'bun:test';
import { parseWindowQuery } from '@kino/shared/reactions';
import { decimal, windowQueryString } from './reaction-timeline';

test('window queries the extension writes are ones the backend reads, exactly', () => {
  // Film positions as players report them, and after arithmetic (14.523011 - 10 …).
  const positions = [0, 1e-7, 4.523011000000001, 20.400000000000002, 7199.999999999999, 86_000.5];
  for (const from of positions) {
    const query = { from, to: from + 130, afterCursor: 17, limit: 100 };
    const parsed = parseWindowQuery(new URLSearchParams(windowQueryString(query)));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) continue;
    expect(parsed.value.from).toBe(from < 1e-6 ? 0 : from);
    expect(parsed.value.to).toBe(from + 130);
  }
  expect(decimal(1e-7)).toBe('0');
  expect(decimal(33.3)).toBe('33.3');
});
