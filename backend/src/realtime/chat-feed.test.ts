import { describe, expect, test } from 'bun:test';
import { ChatFeed } from './chat-feed.ts';
import { chatLine as line } from './chat-line.test-kit.ts';

/** A feed over a record holding lines 1…`recorded`, and what it handed out. */
function feedOver(recorded: number, opts: { fillAfterMs?: number } = {}) {
  const record = Array.from({ length: recorded }, (_, i) => line(i + 1));
  const emitted: number[] = [];
  const fetches: number[] = [];
  const feed = new ChatFeed({
    fetchAfter: async (after, limit) => {
      fetches.push(after);
      return record.filter((m) => m.cursor > after).slice(0, limit);
    },
    emit: (m) => emitted.push(m.cursor),
    onError: (error) => {
      throw error;
    },
    fillAfterMs: opts.fillAfterMs ?? 5,
    pageSize: 3,
  });
  return { feed, emitted, fetches, record };
}

const settle = (ms = 40) => new Promise((r) => setTimeout(r, ms));

describe('ChatFeed', () => {
  test('lines in order are handed out at once, each once', () => {
    const { feed, emitted } = feedOver(0);
    feed.start(0);
    for (const c of [1, 2, 2, 3, 1]) feed.accept(line(c));
    expect(emitted).toEqual([1, 2, 3]);
  });

  test('a line ahead of its turn waits for the one before it', async () => {
    const { feed, emitted, fetches } = feedOver(0, { fillAfterMs: 1_000 });
    feed.start(0);
    feed.accept(line(2));
    feed.accept(line(3));
    expect(emitted).toEqual([]);
    feed.accept(line(1));
    expect(emitted).toEqual([1, 2, 3]);
    await settle();
    expect(fetches).toEqual([]);
    feed.dispose();
  });

  test('a line that never comes over the bus is read from the record, in order', async () => {
    const { feed, emitted } = feedOver(5);
    feed.start(0);
    feed.accept(line(1));
    feed.accept(line(4));
    feed.accept(line(5));
    await settle();
    expect(emitted).toEqual([1, 2, 3, 4, 5]);
  });

  test('lines before the first member’s welcome are held, then only newer ones flow', () => {
    const { feed, emitted } = feedOver(0);
    feed.accept(line(3));
    feed.accept(line(4));
    feed.start(3);
    expect(emitted).toEqual([4]);
  });

  test('catch-up after the bus was away reads everything past the last line, page by page', async () => {
    const { feed, emitted, fetches } = feedOver(8);
    feed.start(1);
    await feed.catchUp();
    expect(emitted).toEqual([2, 3, 4, 5, 6, 7, 8]);
    expect(fetches).toEqual([1, 4, 7]);
    // The bus delivering them late changes nothing.
    for (const c of [5, 8, 2]) feed.accept(line(c));
    expect(emitted).toHaveLength(7);
  });

  test('a catch-up asked for before the start reads from the starting point once it is set', async () => {
    const { feed, emitted } = feedOver(5);
    await feed.catchUp();
    expect(emitted).toEqual([]);
    feed.start(2);
    await settle(10);
    expect(emitted).toEqual([3, 4, 5]);
  });

  test('the record’s newest cursor past the feed triggers a fill', async () => {
    const { feed, emitted } = feedOver(3);
    feed.start(1);
    feed.noteRecordCursor(1);
    await settle();
    expect(emitted).toEqual([]);
    feed.noteRecordCursor(3);
    await settle();
    expect(emitted).toEqual([2, 3]);
  });

  test('a cursor the record does not have is skipped, and handed out if it turns up', async () => {
    const { feed, emitted, record } = feedOver(0);
    record.push(line(1), line(3));
    feed.start(0);
    feed.accept(line(3));
    await settle();
    expect(emitted).toEqual([1, 3]);
    feed.accept(line(2));
    expect(emitted).toEqual([1, 3, 2]);
    feed.accept(line(2));
    expect(emitted).toEqual([1, 3, 2]);
  });
});
