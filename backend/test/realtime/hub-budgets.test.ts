/**
 * Budgets: no server frame outgrows what clients accept (welcome, catch-up and history are
 * cut by bytes and continued with `history`), and chat/command budgets are per person, across
 * tabs and instances.
 */
import { afterEach, describe, expect, test } from 'bun:test';
import { CHAT_TEXT_MAX, type ServerMessageOf } from '@kino/shared/protocol';
import type { ChatMessage } from '@kino/shared/types';
import { createMemoryLiveState } from '../../src/live/memory.ts';
import { MAX_SERVER_FRAME_BYTES, RATE_LIMITS } from '../../src/realtime/limits.ts';
import {
  clock,
  joined,
  type MemorySocket,
  protocolViolations,
  settle,
  startMemoryInstance,
  until,
} from './memory-hub.support.ts';

afterEach(() => {
  expect(protocolViolations).toEqual([]);
});

const longest = {
  russian: 'Ж'.repeat(CHAT_TEXT_MAX),
  english: `${'Hello, world! '.repeat(35)}${'x'.repeat(CHAT_TEXT_MAX - 14 * 35)}`,
  // 250 four-byte emoji are 500 UTF-16 units.
  emoji: '😱'.repeat(CHAT_TEXT_MAX / 2),
  quotes: '"\\'.repeat(CHAT_TEXT_MAX / 2),
};

/** Sends `count` lines of each kind, keeping within the chat rate. */
async function fillChat(sender: MemorySocket, perKind: number) {
  let n = 0;
  for (let i = 0; i < perKind; i++) {
    for (const [kind, text] of Object.entries(longest)) {
      clock.now += 1_000 / RATE_LIMITS.chat.perSecond;
      sender.push({ type: 'chat', id: `fill-${kind}-${i}-x`, text });
      n++;
    }
  }
  await until(() => sender.ofType('chat').length === n, 'all lines stored', 10_000);
  return n;
}

/** Pages back with `history` from the welcome, as the extension does; every line once. */
async function readAll(socket: MemorySocket): Promise<ChatMessage[]> {
  const welcome = socket.ofType('welcome')[0]!;
  let lines = [...welcome.chat.messages];
  let hasMore = welcome.chat.hasMore;
  while (hasMore) {
    const before = socket.ofType('history').length;
    socket.push({ type: 'history', before: lines[0]!.cursor, limit: 100 });
    await until(() => socket.ofType('history').length > before);
    const page = socket.ofType('history').at(-1) as ServerMessageOf<'history'>;
    expect(page.messages.length).toBeGreaterThan(0);
    lines = [...page.messages, ...lines];
    hasMore = page.hasMore;
  }
  return lines;
}

describe('frames stay within what clients accept', () => {
  test('a room of the longest lines in every script: welcome, history and catch-up fit', async () => {
    const instance = await startMemoryInstance();
    const anna = await joined(instance, 'anna');
    const total = await fillChat(anna, 15);
    const boris = await joined(instance, 'boris');
    const welcome = boris.ofType('welcome')[0]!;
    expect(welcome.chat.hasMore).toBe(true);
    expect(welcome.chat.messages.at(-1)?.cursor).toBe(total);
    const all = await readAll(boris);
    expect(all.map((m) => m.cursor)).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    expect(all.every((m) => Object.values(longest).includes(m.text))).toBe(true);
    expect(Math.max(...boris.frameBytes)).toBeLessThanOrEqual(MAX_SERVER_FRAME_BYTES);
    expect(Math.max(...anna.frameBytes)).toBeLessThanOrEqual(MAX_SERVER_FRAME_BYTES);

    // A reconnect after missing all of them: the catch-up is cut too, the rest comes by history.
    const back = await joined(instance, 'vera', { lastCursor: 1 });
    const caughtUp = back.ofType('welcome')[0]!.chat;
    expect(caughtUp.messages.at(-1)?.cursor).toBe(total);
    expect(caughtUp.messages[0]!.cursor).toBeGreaterThan(2);
    expect(Math.max(...back.frameBytes)).toBeLessThanOrEqual(MAX_SERVER_FRAME_BYTES);
  });
});

describe('one person is one budget', () => {
  test('tabs of one person share the chat budget', async () => {
    const instance = await startMemoryInstance();
    const anna = await joined(instance, 'anna');
    const tabs = [
      await joined(instance, 'boris', { clientId: 'boris-tab-0001' }),
      await joined(instance, 'boris', { clientId: 'boris-tab-0002' }),
      await joined(instance, 'boris', { clientId: 'boris-tab-0003' }),
    ];
    anna.clear();
    for (let i = 0; i < 20; i++) {
      for (const [t, tab] of tabs.entries())
        tab.push({ type: 'chat', id: `tab${t}-line-${i}`, text: 'x' });
    }
    await until(
      () =>
        tabs.reduce((sum, tab) => sum + tab.ofType('error').length, 0) ===
        60 - RATE_LIMITS.chat.burst,
    );
    await settle();
    expect(anna.ofType('chat')).toHaveLength(RATE_LIMITS.chat.burst);
  });

  test('across instances too: the budget lives in the shared store', async () => {
    const state = createMemoryLiveState();
    const one = await startMemoryInstance(state, 'i1');
    const two = await startMemoryInstance(state, 'i2');
    const anna = await joined(one, 'anna');
    const here = await joined(one, 'boris', { clientId: 'boris-tab-0001' });
    const there = await joined(two, 'boris', { clientId: 'boris-tab-0002' });
    await settle();
    anna.clear();
    for (let i = 0; i < 15; i++) {
      here.push({ type: 'chat', id: `here-line-${i}`, text: 'a' });
      there.push({ type: 'chat', id: `there-line-${i}`, text: 'b' });
    }
    await until(
      () =>
        here.ofType('error').length + there.ofType('error').length === 30 - RATE_LIMITS.chat.burst,
    );
    await until(() => anna.ofType('chat').length === RATE_LIMITS.chat.burst);
    await settle();
    expect(anna.ofType('chat')).toHaveLength(RATE_LIMITS.chat.burst);
  });
});
