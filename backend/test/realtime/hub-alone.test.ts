/**
 * A room served by one instance alone costs no round trip to Redis per message: nothing is
 * published (nobody else would receive it) and the person's rate budget stays local. When a
 * second instance starts serving the room, nothing its members should see is lost — not even
 * what the first instance did before it heard of the newcomer.
 */
import { afterEach, expect, test } from 'bun:test';
import { createMemoryLiveState } from '../../src/live/memory.ts';
import type { LiveStore, RoomEvent } from '../../src/live/types.ts';
import {
  chat,
  joined,
  protocolViolations,
  settle,
  startMemoryInstance,
  until,
} from './memory-hub.support.ts';

afterEach(() => {
  expect(protocolViolations).toEqual([]);
});

/** Counts the store calls a chat line would cost, and holds `*watching` notices back on demand. */
function observed() {
  const calls = { publish: 0, takeToken: 0 };
  const held: (() => void)[] = [];
  const gate = { holding: false };
  const wrap = (store: LiveStore): LiveStore => ({
    ...store,
    publish: (event) => {
      calls.publish++;
      return store.publish(event);
    },
    takeToken: (key, limit, now) => {
      calls.takeToken++;
      return store.takeToken(key, limit, now);
    },
    subscribe: (handler, opts) =>
      store.subscribe((event: RoomEvent) => {
        if (gate.holding && event.message.type === '*watching') held.push(() => handler(event));
        else handler(event);
      }, opts),
  });
  const release = () => {
    gate.holding = false;
    for (const deliver of held.splice(0)) deliver();
  };
  return { calls, wrap, gate, release };
}

test('alone in a room, an instance neither publishes nor asks Redis for rate budgets', async () => {
  const state = createMemoryLiveState();
  const probe = observed();
  const a = await startMemoryInstance(state, 'i-a', { live: probe.wrap });
  const anna = await joined(a, 'anna');
  const boris = await joined(a, 'boris');
  const before = { ...probe.calls };
  for (let i = 1; i <= 5; i++) chat(anna, `line-000${i}`);
  await until(() => boris.ofType('chat').length === 5, 'boris got five lines');
  expect(probe.calls).toEqual(before);

  // A member on a second instance: from then on both are needed again.
  const b = await startMemoryInstance(state, 'i-b');
  const vera = await joined(b, 'vera');
  await until(() => a.hub.busCounters().received > 0 || probe.calls.publish > before.publish);
  chat(anna, 'line-0006');
  await until(() => vera.ofType('chat').length === 1, 'vera got the sixth line');
  expect(probe.calls.takeToken).toBeGreaterThan(before.takeToken);
  expect(vera.ofType('chat').map((m) => m.message.cursor)).toEqual([6]);
});

test('a second instance joining a room served alone loses no line and no playback change', async () => {
  const state = createMemoryLiveState();
  const probe = observed();
  const a = await startMemoryInstance(state, 'i-a', { live: probe.wrap });
  const b = await startMemoryInstance(state, 'i-b');
  const anna = await joined(a, 'anna');
  const boris = await joined(a, 'boris');
  chat(anna, 'line-0001');
  await until(() => boris.ofType('chat').length === 1, 'boris got the first line');

  // Vera joins on b; a hears of it late, so what anna does meanwhile is not published.
  probe.gate.holding = true;
  const vera = await joined(b, 'vera');
  expect(vera.ofType('welcome')[0]?.chat.messages.map((m) => m.cursor)).toEqual([1]);
  const publishedBefore = probe.calls.publish;
  chat(anna, 'line-0002');
  anna.push({ type: 'play', baseSeq: 0, position: 12 });
  chat(boris, 'line-0003');
  await until(() => boris.ofType('chat').length === 3, 'boris got lines 2 and 3');
  await until(() => anna.ofType('playback').length === 1, 'anna got her play back');
  await settle();
  expect(probe.calls.publish).toBe(publishedBefore);
  expect(vera.ofType('chat')).toHaveLength(0);

  // The notice arrives: a publishes again and tells b to read what it missed.
  probe.release();
  await until(() => vera.ofType('chat').length === 2, 'vera got lines 2 and 3');
  await until(() => vera.ofType('playback').length >= 1, 'vera got the play');
  expect(vera.ofType('playback').at(-1)?.playback).toMatchObject({ playing: true, seq: 1 });

  // From here the bus carries everything, both ways, each line once and in order.
  chat(anna, 'line-0004');
  chat(vera, 'line-0005');
  await until(() => vera.ofType('chat').length === 4, 'vera got lines 4 and 5');
  await until(() => boris.ofType('chat').length === 5, 'boris got all five lines');
  await settle();
  expect(vera.ofType('chat').map((m) => m.message.cursor)).toEqual([2, 3, 4, 5]);
  expect(boris.ofType('chat').map((m) => m.message.cursor)).toEqual([1, 2, 3, 4, 5]);
  expect(anna.ofType('chat').map((m) => m.message.cursor)).toEqual([1, 2, 3, 4, 5]);
  expect([...a.errors, ...b.errors]).toEqual([]);
});

test('once the other instance left, a heartbeat finds the room alone again', async () => {
  const state = createMemoryLiveState();
  const probe = observed();
  const a = await startMemoryInstance(state, 'i-a', { live: probe.wrap });
  const b = await startMemoryInstance(state, 'i-b');
  const anna = await joined(a, 'anna');
  const vera = await joined(b, 'vera');
  chat(anna, 'line-0001');
  await until(() => vera.ofType('chat').length === 1, 'vera got the line over the bus');
  vera.close(1000, 'bye');
  b.hub.closed(vera.id);
  await until(() => !state.peers.get('r1')?.has('i-b'), 'b unwatched the room');
  await a.hub.heartbeat();
  const before = probe.calls.publish;
  chat(anna, 'line-0002');
  await until(() => anna.ofType('chat').length === 2, 'anna got her line back');
  await settle();
  expect(probe.calls.publish).toBe(before);
});
