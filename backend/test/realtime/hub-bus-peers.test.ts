/**
 * An instance hears only the rooms it serves: with every member of a room on one instance
 * nothing reaches the others; a member on a second instance makes it a peer of the room (its
 * events arrive, once each); when it leaves, the room's events stop reaching it.
 */
import { afterEach, expect, test } from 'bun:test';
import { createMemoryLiveState } from '../../src/live/memory.ts';
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

test('a room on one instance costs the others nothing; a peer gets its events, then none', async () => {
  const state = createMemoryLiveState();
  const a = await startMemoryInstance(state, 'i-a');
  const b = await startMemoryInstance(state, 'i-b');
  const anna = await joined(a, 'anna');
  const boris = await joined(a, 'boris');
  chat(anna, 'line-0001');
  await until(() => boris.ofType('chat').length === 1, 'boris got the line');
  await settle();
  expect(b.hub.busCounters()).toMatchObject({ received: 0, needed: 0 });
  expect(a.hub.busCounters().publishedTo).toBe(0);

  // Vera on the other instance: b watches the room now and gets its events, once each.
  const vera = await joined(b, 'vera');
  expect(vera.ofType('welcome')[0]?.chat.messages.map((m) => m.id)).toEqual(['line-0001']);
  chat(anna, 'line-0002');
  chat(vera, 'line-0003');
  await until(() => vera.ofType('chat').length === 2, 'vera got both lines');
  await until(() => boris.ofType('chat').length === 3, 'boris got all three lines');
  expect(vera.ofType('chat').map((m) => m.message.cursor)).toEqual([2, 3]);
  expect(boris.ofType('chat').map((m) => m.message.cursor)).toEqual([1, 2, 3]);
  const seen = b.hub.busCounters();
  expect(seen.received).toBe(seen.needed);
  expect(seen.stray).toBe(0);

  // Vera leaves: the room's events stop reaching b.
  vera.close(1000, 'bye');
  b.hub.closed(vera.id);
  await until(() => !state.peers.get('r1')?.has('i-b'), 'b unwatched the room');
  const before = b.hub.busCounters().received;
  chat(anna, 'line-0004');
  await until(() => boris.ofType('chat').length === 4, 'boris got the fourth line');
  await settle();
  expect(b.hub.busCounters().received).toBe(before);
  expect(state.peers.get('r1')).toEqual(new Set(['i-a']));
});

test('a heartbeat puts back a registration the store lost, without doubling anything', async () => {
  const state = createMemoryLiveState();
  const a = await startMemoryInstance(state, 'i-a');
  const b = await startMemoryInstance(state, 'i-b');
  const anna = await joined(a, 'anna');
  const vera = await joined(b, 'vera');
  state.peers.clear();
  await b.hub.heartbeat();
  chat(anna, 'line-0001');
  await until(() => vera.ofType('chat').length === 1, 'vera got the line');
  await settle();
  expect(vera.ofType('chat').map((m) => m.message.id)).toEqual(['line-0001']);
});
