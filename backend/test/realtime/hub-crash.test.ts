/** Participants left behind by a crashed instance are removed and announced as leaves. */
import { afterEach, expect, test } from 'bun:test';
import { createMemoryLiveState } from '../../src/live/memory.ts';
import { DEAD_AFTER_MS, HEARTBEAT_EVERY_MS } from '../../src/realtime/liveness.ts';
import {
  clock,
  joined,
  protocolViolations,
  startMemoryInstance,
  type TestInstance,
  until,
} from './memory-hub.support.ts';

afterEach(() => {
  expect(protocolViolations).toEqual([]);
});

/** Advances the clock in heartbeat steps, each instance beating once per step. */
async function tick(instances: TestInstance[], ms: number) {
  for (let elapsed = 0; elapsed < ms; elapsed += HEARTBEAT_EVERY_MS) {
    clock.now += HEARTBEAT_EVERY_MS;
    for (const instance of instances) await instance.hub.heartbeat();
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

test('a restarted instance (same id) clears its own stale entries when someone joins', async () => {
  const state = createMemoryLiveState();
  const crashed = await startMemoryInstance(state, 'i1');
  await joined(crashed, 'anna');
  // The process dies: no stop(), its entries stay in the shared store.
  const restarted = await startMemoryInstance(state, 'i1');
  const vera = await joined(restarted, 'vera');
  expect(vera.ofType('welcome')[0]?.participants.map((p) => p.userId)).toEqual(['vera']);
  expect(restarted.presence.map((p) => `${p.userId}:${p.kind}`)).toEqual([
    'anna:leave',
    'vera:join',
  ]);
});

test('entries of a silent instance are pruned, those of a live one kept', async () => {
  const state = createMemoryLiveState();
  const one = await startMemoryInstance(state, 'i1');
  const two = await startMemoryInstance(state, 'i2');
  const anna = await joined(one, 'anna');
  await joined(two, 'boris');
  await until(() => anna.ofType('presence').some((p) => p.event?.userId === 'boris'));

  // Both alive: heartbeats every 5 s, as their timers would send them.
  await tick([one, two], DEAD_AFTER_MS * 2);
  expect((await one.live.listParticipants('r1')).map((p) => p.userId).sort()).toEqual([
    'anna',
    'boris',
  ]);

  // Instance two crashes: it sends no more heartbeats.
  await tick([one], DEAD_AFTER_MS + HEARTBEAT_EVERY_MS);
  await until(() => anna.ofType('presence').some((p) => p.event?.kind === 'leave'), 'boris pruned');
  expect(anna.ofType('presence').at(-1)).toMatchObject({
    participants: [expect.objectContaining({ userId: 'anna' })],
    event: { kind: 'leave', userId: 'boris' },
  });
  expect(one.presence.at(-1)).toMatchObject({ userId: 'boris', kind: 'leave' });
});
