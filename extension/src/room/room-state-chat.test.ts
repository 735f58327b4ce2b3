import { describe, expect, test } from 'bun:test';
import { setLocale } from '../i18n';
import { chatGap, lastCursor, mergeMessages, reduceServerMessage } from './room-state';

import { chat, joined } from './room-state.test-kit';

setLocale('en');

describe('room reducer: the chat record', () => {
  test('a hole in the chat is found, and a reconnect resumes before it', () => {
    let view = reduceServerMessage(joined(), { type: 'chat', message: chat(6) }, 0);
    expect(chatGap(view)).toEqual({ after: 2, before: 6 });
    expect(lastCursor(view)).toBe(2);
    view = { ...view, fillingGap: { after: 2, before: 6 } };
    // The history page shows 3 and 5: there is no 4 (the page reached the gap's start).
    view = reduceServerMessage(
      view,
      { type: 'history', messages: [chat(3), chat(5)], hasMore: true },
      0,
    );
    expect(view.messages.map((m) => m.cursor)).toEqual([1, 2, 3, 5, 6]);
    expect(chatGap(view)).toBeNull();
    expect(lastCursor(view)).toBe(6);
    // Filling a gap does not change what "older history" means.
    expect(view.hasMore).toBe(true);
    expect(view.loadingHistory).toBe(false);
  });
});

test('mergeMessages dedups by id and orders by cursor', () => {
  expect(mergeMessages([chat(3), chat(1)], [chat(2), chat(1)]).map((m) => m.cursor)).toEqual([
    1, 2, 3,
  ]);
});
