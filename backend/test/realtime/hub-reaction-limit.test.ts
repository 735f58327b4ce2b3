/** A room keeps a bounded number of reactions: past it the sender is told, the room goes on. */
import { afterEach, expect, test } from 'bun:test';
import { createMemoryLiveState } from '../../src/live/memory.ts';
import { createMemoryRoomRecord } from '../../src/record/memory.ts';
import {
  joined,
  protocolViolations,
  recordStateOf,
  settle,
  startMemoryInstance,
  type TestInstance,
  until,
} from './memory-hub.support.ts';

afterEach(() => {
  expect(protocolViolations).toEqual([]);
});

test('past the room’s reaction limit a reaction is refused with a clear error; chat goes on', async () => {
  const state = createMemoryLiveState();
  const instance: TestInstance = await startMemoryInstance(state, 'i1', {
    record: () => createMemoryRoomRecord(recordStateOf(state), { maxReactions: 2 }),
  });
  const anna = await joined(instance, 'anna');
  const boris = await joined(instance, 'boris');
  anna.push({ type: 'reaction', id: 'r_limit_0001', emoji: '😂' });
  anna.push({ type: 'reaction', id: 'r_limit_0002', emoji: '😱' });
  anna.push({ type: 'reaction', id: 'r_limit_0003', emoji: '🔥' });
  await until(() => anna.ofType('error').length === 1, 'anna is told');
  expect(anna.ofType('error')[0]).toMatchObject({
    code: 'rate_limited',
    message: 'this room keeps at most 2 reactions',
    ref: 'r_limit_0003',
  });
  anna.push({ type: 'chat', id: 'm_limit_0001', text: 'ну и ладно' });
  await until(() => boris.ofType('chat').some((c) => c.message.kind === 'text'), 'chat goes on');
  await settle();
  // Boris got the two stored reactions and the line, never the refused one.
  expect(boris.ofType('chat').map((c) => c.message.text)).toEqual(['😂', '😱', 'ну и ладно']);
  expect(anna.closedWith).toBeNull();
  await instance.hub.stop();
});
