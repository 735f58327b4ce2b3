/**
 * Faults, in memory: a store that stalls or goes away never makes members "abusers" (limits
 * apply at arrival, faults are answered `unavailable` with the message named), a live store
 * that lost everything is rebuilt from the record, and a bus that drops and reorders events
 * still gets every line to every member once, in order.
 */
import { afterEach, describe, expect, test } from 'bun:test';
import type { ChatMessage } from '@kino/shared/types';
import { createMemoryLiveState, loseEverything } from '../../src/live/memory.ts';
import type { LiveStore, RoomEvent } from '../../src/live/types.ts';
import { RATE_LIMITS } from '../../src/realtime/limits.ts';
import { HEARTBEAT_EVERY_MS, TOUCH_AT_MOST_EVERY_MS } from '../../src/realtime/liveness.ts';
import {
  clock,
  Fault,
  joined,
  type MemorySocket,
  protocolViolations,
  settle,
  startMemoryInstance,
  through,
  until,
} from './memory-hub.support.ts';

afterEach(() => {
  expect(protocolViolations).toEqual([]);
});

const lines = (socket: MemorySocket): ChatMessage[] => [
  ...socket.ofType('welcome').flatMap((w) => w.chat.messages),
  ...socket.ofType('chat').map((c) => c.message),
];

describe('a slow or absent store', () => {
  test('frames queued behind a stalled record are judged when they arrived, not when handled', async () => {
    const fault = new Fault();
    const instance = await startMemoryInstance(createMemoryLiveState(), 'i1', {
      record: (record) => through(record, fault, 'database'),
    });
    const anna = await joined(instance, 'anna');
    const boris = await joined(instance, 'boris');
    fault.hold();
    // Twenty lines over four seconds: within the rate, however long they wait.
    for (let i = 0; i < 20; i++) {
      clock.now += 1_000 / RATE_LIMITS.chat.perSecond;
      boris.push({ type: 'chat', id: `queued-line-${i}`, text: `${i}` });
    }
    clock.now += 30_000;
    fault.release();
    await until(() => anna.ofType('chat').length === 20);
    expect(boris.ofType('error')).toEqual([]);
  });

  test('an outage is answered `unavailable`, naming each message, and never closes anyone', async () => {
    const fault = new Fault();
    const instance = await startMemoryInstance(createMemoryLiveState(), 'i1', {
      record: (record) => through(record, fault, 'database'),
    });
    const anna = await joined(instance, 'anna');
    const boris = await joined(instance, 'boris');
    fault.down = true;
    for (let i = 0; i < 40; i++) {
      clock.now += 1_000 / RATE_LIMITS.chat.perSecond;
      boris.push({ type: 'chat', id: `outage-line-${i}`, text: `${i}` });
    }
    boris.push({ type: 'seek', id: 'outage-seek-1', baseSeq: 0, position: 5 });
    await until(() => boris.ofType('error').length === 41);
    expect(new Set(boris.ofType('error').map((e) => e.code))).toEqual(new Set(['unavailable']));
    expect(boris.ofType('error').map((e) => e.ref)).toEqual([
      ...Array.from({ length: 40 }, (_, i) => `outage-line-${i}`),
      'outage-seek-1',
    ]);
    expect(boris.closedWith).toBeNull();
    // Pings still answer during the outage.
    boris.push({ type: 'ping', id: 9, t0: 1 });
    expect(boris.ofType('pong')).toHaveLength(1);
    fault.down = false;
    clock.now += 2_000;
    boris.push({ type: 'chat', id: 'outage-line-0', text: '0' });
    await until(() => anna.ofType('chat').length === 1);
  });
});

describe('a live store that lost everything (Redis restarted without persistence)', () => {
  test('members are put back, playback and settings come from the record, cursors go on', async () => {
    const state = createMemoryLiveState();
    const instance = await startMemoryInstance(state);
    const anna = await joined(instance, 'anna');
    const boris = await joined(instance, 'boris');
    anna.push({ type: 'settings', controlMode: 'owner' });
    anna.push({ type: 'play', baseSeq: 0, position: 42 });
    anna.push({ type: 'chat', id: 'before-loss-1', text: 'до' });
    await until(() => boris.ofType('chat').length === 1);

    loseEverything(state);
    await until(async () => (await instance.live.presence('r1')).entries.length === 2);
    expect(await instance.live.getPlayback('r1')).toMatchObject({ seq: 1, position: 42 });

    boris.push({ type: 'chat', id: 'after-loss-1', text: 'после' });
    await until(() => anna.ofType('chat').length === 2);
    expect(lines(anna).map((m) => m.cursor)).toEqual([1, 2]);
    const vera = await joined(instance, 'vera', { lastCursor: 1 });
    const welcome = vera.ofType('welcome')[0]!;
    expect(welcome.participants.map((p) => p.userId)).toEqual(['anna', 'boris', 'vera']);
    expect(welcome.room.settings.controlMode).toBe('owner');
    expect(welcome.playback).toMatchObject({ playing: true, position: 42, seq: 1 });
    expect(welcome.chat.messages.map((m) => m.id)).toEqual(['after-loss-1']);
    // The members' idle clock keeps being restarted: no sweeper closes this room.
    clock.now += 5_000;
    await instance.hub.heartbeat();
    expect(instance.record.state.touched.get('r1')).toBe(clock.now);
  });
});

describe('a live store away', () => {
  test('occupied rooms keep their idle clocks running: a Redis back empty finds them not idle', async () => {
    const fault = new Fault();
    const instance = await startMemoryInstance(createMemoryLiveState(), 'i1', {
      live: (live) => through(live, fault, 'live-store'),
    });
    await joined(instance, 'anna');
    fault.down = true;
    clock.now += 5_000;
    // The live part fails (and says so); the record's part is done all the same.
    await expect(instance.hub.heartbeat()).rejects.toThrow();
    expect(instance.record.state.touched.get('r1')).toBe(clock.now);
  });

  test('an idle clock is restarted at the first heartbeat, then once per interval, not at each', async () => {
    const instance = await startMemoryInstance();
    await joined(instance, 'anna');
    const touched = () => instance.record.state.touched.get('r1');
    clock.now += HEARTBEAT_EVERY_MS;
    await instance.hub.heartbeat();
    const first = clock.now;
    expect(touched()).toBe(first);
    while (clock.now + HEARTBEAT_EVERY_MS - first < TOUCH_AT_MOST_EVERY_MS) {
      clock.now += HEARTBEAT_EVERY_MS;
      await instance.hub.heartbeat();
    }
    expect(touched()).toBe(first);
    clock.now += HEARTBEAT_EVERY_MS;
    await instance.hub.heartbeat();
    expect(touched()).toBe(clock.now);
  });
});

/** A bus that loses some events and delivers the rest late and out of order. */
function lossyBus(store: LiveStore, rng: () => number): LiveStore {
  return {
    ...store,
    async publish(event: RoomEvent) {
      if (event.roomId.startsWith('*')) return store.publish(event);
      if (rng() < 0.3) return 0; // lost
      setTimeout(() => void store.publish(event), Math.floor(rng() * 40));
      return 1;
    },
  };
}

describe('a bus that drops and reorders', () => {
  test('every member ends with every line once, in cursor order', async () => {
    let seed = 7;
    const rng = () => {
      seed = (seed * 16_807) % 2_147_483_647;
      return seed / 2_147_483_647;
    };
    const state = createMemoryLiveState();
    const one = await startMemoryInstance(state, 'i1', { live: (s) => lossyBus(s, rng) });
    const two = await startMemoryInstance(state, 'i2', { live: (s) => lossyBus(s, rng) });
    const members = [
      await joined(one, 'anna'),
      await joined(two, 'boris'),
      await joined(two, 'vera'),
    ];
    for (const m of members) m.clear();
    const total = 60;
    for (let i = 0; i < total; i++) {
      clock.now += 400;
      members[i % 3]!.push({ type: 'chat', id: `lossy-line-${i}`, text: `${i}` });
    }
    // Heartbeats hand out what the bus lost.
    await until(
      async () => {
        await one.hub.heartbeat();
        await two.hub.heartbeat();
        await settle();
        return members.every((m) => m.ofType('chat').length >= total);
      },
      'all lines everywhere',
      10_000,
    );
    for (const member of members) {
      const cursors = member.ofType('chat').map((c) => c.message.cursor);
      expect(cursors).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    }
  });
});
