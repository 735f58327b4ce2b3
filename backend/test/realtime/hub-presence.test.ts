/**
 * Presence as people see it: one entry per person however many tabs, a leave only when their
 * last tab goes, the same tab reconnecting replaces its old connection at once (also after its
 * instance died), and a room that cannot outgrow a frame.
 */
import { afterEach, describe, expect, test } from 'bun:test';
import { ROOM_CAPACITY } from '@kino/shared/room/presence';
import { createMemoryLiveState } from '../../src/live/memory.ts';
import { CLOSE, MAX_SERVER_FRAME_BYTES } from '../../src/realtime/limits.ts';
import { DEAD_AFTER_MS } from '../../src/realtime/liveness.ts';
import {
  clock,
  joined,
  MemorySocket,
  protocolViolations,
  settle,
  startMemoryInstance,
  until,
} from './memory-hub.support.ts';

afterEach(() => {
  expect(protocolViolations).toEqual([]);
});

/** Presence events about others, as `kind:userId`. */
const events = (socket: MemorySocket) => {
  const self = socket.ofType('welcome')[0]?.you.userId;
  return socket
    .ofType('presence')
    .flatMap((p) =>
      p.event && p.event.userId !== self ? [`${p.event.kind}:${p.event.userId}`] : [],
    );
};
const people = (socket: MemorySocket) =>
  socket
    .ofType('presence')
    .at(-1)
    ?.participants.map((p) => p.userId);

describe('tabs', () => {
  test('a second tab is the same person: one entry, no join, no leave until the last tab', async () => {
    const instance = await startMemoryInstance();
    const anna = await joined(instance, 'anna');
    const boris1 = await joined(instance, 'boris', { clientId: 'boris-tab-0001' });
    await until(() => events(anna).includes('join:boris'));
    const boris2 = await joined(instance, 'boris', { clientId: 'boris-tab-0002' });
    expect(boris2.ofType('welcome')[0]?.participants.map((p) => p.userId)).toEqual([
      'anna',
      'boris',
    ]);
    await settle();
    expect(events(anna)).toEqual(['join:boris']);
    instance.hub.closed(boris1.id);
    await until(() => anna.ofType('presence').length >= 2);
    await settle();
    expect(events(anna)).toEqual(['join:boris']);
    expect(people(anna)).toEqual(['anna', 'boris']);
    instance.hub.closed(boris2.id);
    await until(() => events(anna).includes('leave:boris'));
    expect(people(anna)).toEqual(['anna']);
  });

  test('past the tab limit a connection is refused, and the room goes on', async () => {
    const instance = await startMemoryInstance();
    const anna = await joined(instance, 'anna');
    const tabs: MemorySocket[] = [];
    for (let i = 0; i < ROOM_CAPACITY.maxConnectionsPerMember + 2; i++) {
      tabs.push(await joined(instance, 'boris', { clientId: `boris-tab-${1000 + i}` }));
    }
    const welcomed = tabs.filter((t) => t.ofType('welcome').length === 1);
    const refused = tabs.filter((t) => t.closedWith !== null);
    expect(welcomed).toHaveLength(ROOM_CAPACITY.maxConnectionsPerMember);
    expect(refused).toHaveLength(2);
    for (const socket of refused) {
      expect(socket.ofType('error')[0]).toMatchObject({
        code: 'too_many_connections',
        fatal: true,
        ref: 'hello',
      });
      expect(socket.closedWith?.code).toBe(CLOSE.full);
    }
    anna.push({ type: 'chat', id: 'after-tabs-01', text: 'still fine' });
    await until(() => welcomed.every((t) => t.ofType('chat').length === 1));
  });
});

describe('the same tab connecting again', () => {
  test('replaces its old connection at once: closed 4010, nobody sees it leave or join', async () => {
    const instance = await startMemoryInstance();
    const anna = await joined(instance, 'anna');
    const old = await joined(instance, 'boris', { clientId: 'boris-tab-0001' });
    await until(() => events(anna).includes('join:boris'));
    const fresh = await joined(instance, 'boris', { clientId: 'boris-tab-0001' });
    expect(old.closedWith?.code).toBe(CLOSE.replaced);
    expect(fresh.ofType('welcome')).toHaveLength(1);
    await settle();
    expect(events(anna)).toEqual(['join:boris']);
    expect((await instance.live.presence('r1')).entries.map((e) => e.connectionId)).toEqual([
      anna.id,
      fresh.id,
    ]);
  });

  test('after its instance died: no double entry, and no false leave when the dead one is pruned', async () => {
    const state = createMemoryLiveState();
    const dying = await startMemoryInstance(state, 'i1');
    const survivor = await startMemoryInstance(state, 'i2');
    const anna = await joined(survivor, 'anna');
    await joined(dying, 'boris', { clientId: 'boris-tab-0001' });
    await joined(dying, 'vera', { clientId: 'vera-tab-0001' });
    await until(() => events(anna).includes('join:vera'));
    // i1 dies: no goodbye, its entries stay behind. Boris fails over to i2; Vera does not.
    await dying.live.close();
    const before = events(anna).length;
    await joined(survivor, 'boris', { clientId: 'boris-tab-0001' });
    await settle();
    expect(people(anna)?.filter((id) => id === 'boris')).toHaveLength(1);
    // Once i1 has been silent long enough, its leftovers go: a leave for Vera only.
    clock.now += DEAD_AFTER_MS + 1_000;
    await survivor.hub.heartbeat();
    await until(() => events(anna).includes('leave:vera'));
    expect(events(anna).slice(before)).toEqual(['leave:vera']);
    expect(people(anna)).toEqual(['anna', 'boris']);
  });
});

describe('capacity', () => {
  test('a full room of long names: every frame fits, the next person is refused', async () => {
    const instance = await startMemoryInstance();
    const members: MemorySocket[] = [];
    for (let i = 0; i < ROOM_CAPACITY.maxMembers; i++) {
      const name = `${'Длинное имя участника '.repeat(3)}${i}`;
      const token = `any:member-${String(i).padStart(2, '0')}-${'x'.repeat(40)}:${name}`;
      const socket = new MemorySocket(`cap-${i}`, instance.hub);
      socket.push({
        type: 'hello',
        v: 1,
        token,
        roomId: 'open-room',
        clientId: `cap-tab-${1000 + i}`,
      });
      await until(() => socket.ofType('welcome').length === 1, `member ${i}`);
      members.push(socket);
    }
    const late = new MemorySocket('cap-late', instance.hub);
    late.push({
      type: 'hello',
      v: 1,
      token: 'any:late:Late',
      roomId: 'open-room',
      clientId: 'late-tab-01',
    });
    await until(() => late.closedWith !== null);
    expect(late.ofType('error')[0]).toMatchObject({ code: 'room_full' });
    const first = members[0]!;
    await until(() => first.ofType('presence').length >= ROOM_CAPACITY.maxMembers - 1);
    expect(first.ofType('presence').at(-1)?.participants).toHaveLength(ROOM_CAPACITY.maxMembers);
    for (const socket of members) {
      expect(Math.max(...socket.frameBytes)).toBeLessThanOrEqual(MAX_SERVER_FRAME_BYTES);
    }
    // The last one in got the whole list in its welcome.
    expect(members.at(-1)?.ofType('welcome')[0]?.participants).toHaveLength(
      ROOM_CAPACITY.maxMembers,
    );
  });
});
