/** The hub's room behaviour with in-memory sockets and the in-memory LiveStore. */

import { afterEach, beforeEach, describe, expect, test } from 'bun:test';
import { createMemoryLiveState, type MemoryLiveState } from '../../src/live/memory.ts';
import { CLOSE } from '../../src/realtime/limits.ts';
import { initialRoom } from '../../src/realtime/room-state.ts';
import {
  clock,
  joined,
  MemorySocket,
  protocolViolations,
  settle,
  startMemoryInstance,
  type TestInstance,
  until,
} from './memory-hub.support.ts';

afterEach(() => {
  expect(protocolViolations).toEqual([]);
});

let state: MemoryLiveState;
let instance: TestInstance;

beforeEach(async () => {
  state = createMemoryLiveState();
  instance = await startMemoryInstance(state);
});

async function annaAndBoris(): Promise<[MemorySocket, MemorySocket]> {
  const anna = await joined(instance, 'anna');
  const boris = await joined(instance, 'boris');
  await until(() => anna.ofType('presence').length >= 2, 'anna sees boris join');
  anna.clear();
  boris.clear();
  return [anna, boris];
}

describe('join', () => {
  test('welcome carries the snapshot and the joiner’s permissions', async () => {
    const anna = await joined(instance, 'anna');
    const [welcome] = anna.ofType('welcome');
    expect(welcome?.you).toEqual({
      userId: 'anna',
      name: 'Anna',
      connectionId: anna.id,
      isOwner: true,
      canControl: true,
    });
    expect(welcome?.room).toEqual({
      id: 'r1',
      filmId: 'night-train',
      ownerId: 'anna',
      settings: { controlMode: 'everyone', bufferPolicy: 'wait' },
    });
    expect(welcome?.playback).toEqual({
      playing: false,
      position: 0,
      at: clock.now,
      rate: 1,
      seq: 0,
    });
    expect(welcome?.participants.map((p) => p.userId)).toEqual(['anna']);
    expect(welcome?.chat).toEqual({ messages: [], hasMore: false });
    expect(instance.presence).toEqual([{ roomId: 'r1', userId: 'anna', kind: 'join' }]);
  });

  test('members see each other join and leave', async () => {
    const anna = await joined(instance, 'anna');
    const boris = await joined(instance, 'boris');
    await until(() => anna.ofType('presence').some((p) => p.event?.userId === 'boris'), 'join');
    boris.push({ type: 'leave' });
    await until(() => anna.ofType('presence').some((p) => p.event?.kind === 'leave'), 'leave');
    expect(boris.closedWith).toEqual({ code: CLOSE.left, reason: 'left' });
    expect((await instance.live.listParticipants('r1')).map((p) => p.userId)).toEqual(['anna']);
    expect(instance.presence.map((p) => `${p.userId}:${p.kind}`)).toEqual([
      'anna:join',
      'boris:join',
      'boris:leave',
    ]);
  });
});

describe('playback commands', () => {
  test('a command is applied once and broadcast to everyone, sender included', async () => {
    const [anna, boris] = await annaAndBoris();
    clock.now += 1_000;
    boris.push({ type: 'play', baseSeq: 0, position: 0 });
    await until(
      () => anna.ofType('playback').length === 1 && boris.ofType('playback').length === 1,
    );
    const expected = {
      type: 'playback',
      playback: { playing: true, position: 0, at: clock.now, rate: 1, seq: 1 },
      cause: { userId: 'boris', name: 'Boris', action: 'play' },
    };
    expect(anna.ofType('playback')).toEqual([expected] as never);
    expect(boris.ofType('playback')).toEqual([expected] as never);
  });

  test('a stale command gets `stale` and the current state; others see nothing', async () => {
    const [anna, boris] = await annaAndBoris();
    anna.push({ type: 'play', baseSeq: 0, position: 0 });
    await until(() => boris.ofType('playback').length === 1);
    anna.clear();
    boris.push({ type: 'seek', baseSeq: 0, position: 50 });
    await until(() => boris.ofType('error').length === 1);
    await settle();
    expect(boris.ofType('error')[0]?.code).toBe('stale');
    expect(boris.ofType('playback').at(-1)).toMatchObject({ playback: { seq: 1 }, cause: null });
    expect(anna.received).toEqual([]);
  });

  test('in owner-only mode members are refused and the owner still controls', async () => {
    const [anna, boris] = await annaAndBoris();
    anna.push({ type: 'settings', controlMode: 'owner' });
    await until(() => boris.ofType('settings').length === 1);
    boris.push({ type: 'pause', baseSeq: 0, position: 0 });
    await until(() => boris.ofType('error').length === 1);
    expect(boris.ofType('error')[0]?.code).toBe('not_allowed');
    anna.push({ type: 'play', baseSeq: 0, position: 3 });
    await until(() => boris.ofType('playback').length === 1);
    expect(boris.ofType('playback')[0]?.playback).toMatchObject({ playing: true, position: 3 });
    expect(anna.ofType('error')).toEqual([]);
  });

  test('only the owner changes settings', async () => {
    const [anna, boris] = await annaAndBoris();
    boris.push({ type: 'settings', bufferPolicy: 'continue' });
    await until(() => boris.ofType('error').length === 1);
    await settle();
    expect(boris.ofType('error')[0]?.code).toBe('not_allowed');
    expect(anna.received).toEqual([]);
  });
});

describe('buffering policy', () => {
  test('wait: the room pauses for a stalled member and resumes when ready', async () => {
    const [anna, boris] = await annaAndBoris();
    anna.push({ type: 'play', baseSeq: 0, position: 0 });
    await until(() => anna.ofType('playback').length === 1);
    clock.now += 10_000;
    boris.push({ type: 'buffering', stalled: true });
    await until(() => anna.ofType('playback').length === 2, 'auto-pause');
    expect(anna.ofType('presence').at(-1)?.event).toEqual({
      kind: 'buffering',
      userId: 'boris',
      name: 'Boris',
    });
    expect(anna.ofType('playback')[1]).toMatchObject({
      playback: { playing: false, position: 10, seq: 2 },
      cause: { userId: 'boris', action: 'wait-buffering' },
    });
    clock.now += 2_000;
    boris.push({ type: 'buffering', stalled: false });
    await until(() => anna.ofType('playback').length === 3, 'resume');
    expect(anna.ofType('playback')[2]).toMatchObject({
      playback: { playing: true, position: 10, at: clock.now, seq: 3 },
      cause: { userId: 'boris', action: 'resume' },
    });
  });

  test('continue: stalls are broadcast but playback goes on', async () => {
    const [anna, boris] = await annaAndBoris();
    anna.push({ type: 'settings', bufferPolicy: 'continue' });
    anna.push({ type: 'play', baseSeq: 0, position: 0 });
    await until(() => anna.ofType('playback').length === 1);
    boris.push({ type: 'buffering', stalled: true });
    await until(() => anna.ofType('presence').some((p) => p.event?.kind === 'buffering'));
    await settle();
    expect(anna.ofType('playback')).toHaveLength(1);
  });

  test('a stalled member leaving lets the room resume', async () => {
    const [anna, boris] = await annaAndBoris();
    anna.push({ type: 'play', baseSeq: 0, position: 0 });
    await until(() => anna.ofType('playback').length === 1);
    boris.push({ type: 'buffering', stalled: true });
    await until(() => anna.ofType('playback').length === 2);
    boris.push({ type: 'leave' });
    await until(() => anna.ofType('playback').length === 3, 'resume after leave');
    expect(anna.ofType('playback')[2]?.cause?.action).toBe('resume');
  });
});

describe('chat', () => {
  test('messages are stamped, stored once and broadcast in order', async () => {
    const [anna, boris] = await annaAndBoris();
    anna.push({ type: 'play', baseSeq: 0, position: 0 });
    await until(() => anna.ofType('playback').length === 1);
    clock.now += 4_000;
    anna.push({ type: 'chat', id: 'msg-anna-0001', text: '  Привет!  ' });
    boris.push({ type: 'reaction', id: 'msg-boris-001', emoji: '😱' });
    await until(() => anna.ofType('chat').length === 2 && boris.ofType('chat').length === 2);
    expect(anna.ofType('chat')).toEqual(boris.ofType('chat'));
    expect(anna.ofType('chat').map((c) => c.message)).toEqual([
      expect.objectContaining({
        cursor: 1,
        kind: 'text',
        text: 'Привет!',
        userId: 'anna',
        position: 4,
        at: clock.now,
      }),
      expect.objectContaining({ cursor: 2, kind: 'reaction', text: '😱', name: 'Boris' }),
    ]);
  });

  test('a resent message is stored once and reaches everyone once', async () => {
    const [anna, boris] = await annaAndBoris();
    anna.push({ type: 'chat', id: 'msg-anna-0001', text: 'one' });
    await until(() => boris.ofType('chat').length === 1);
    anna.push({ type: 'chat', id: 'msg-anna-0001', text: 'one' });
    await settle();
    expect(boris.ofType('chat')).toHaveLength(1);
    expect(anna.ofType('chat')).toHaveLength(1);
    expect((await instance.record.chatPage('r1', { limit: 10 })).messages).toHaveLength(1);
  });

  test('history pages backwards by cursor', async () => {
    const [anna] = await annaAndBoris();
    for (let i = 0; i < 5; i++) {
      await instance.record.appendChat(
        'r1',
        {
          id: `history-msg-${i}`,
          kind: 'text',
          userId: 'anna',
          name: 'Anna',
          text: `m${i}`,
          at: clock.now,
          position: 0,
        },
        initialRoom(clock.now),
      );
    }
    anna.push({ type: 'history', before: 4, limit: 2 });
    await until(() => anna.ofType('history').length === 1);
    expect(anna.ofType('history')[0]).toMatchObject({ hasMore: true });
    expect(anna.ofType('history')[0]?.messages.map((m) => m.cursor)).toEqual([2, 3]);
  });

  test('a reconnect with lastCursor gets exactly the missed messages', async () => {
    const [anna, boris] = await annaAndBoris();
    for (let i = 0; i < 3; i++) anna.push({ type: 'chat', id: `before-msg-${i}`, text: `b${i}` });
    await until(() => boris.ofType('chat').length === 3);
    const lastCursor = boris.ofType('chat').at(-1)?.message.cursor;
    boris.push({ type: 'leave' });
    for (let i = 0; i < 4; i++) anna.push({ type: 'chat', id: `missed-msg-${i}`, text: `m${i}` });
    await until(() => anna.ofType('chat').length === 7);
    const back = await joined(instance, 'boris', { lastCursor });
    expect(back.ofType('welcome')[0]?.chat.messages.map((m) => m.text)).toEqual([
      'm0',
      'm1',
      'm2',
      'm3',
    ]);
  });
});

describe('lifecycle', () => {
  test('a connection without hello is closed after 5 s; an idle member after 30 s', async () => {
    const silent = new MemorySocket('silent', instance.hub);
    const anna = await joined(instance, 'anna');
    instance.hub.sweep(clock.now + 4_000);
    expect(silent.closedWith).toBeNull();
    instance.hub.sweep(clock.now + 5_001);
    expect(silent.closedWith?.code).toBe(CLOSE.helloTimeout);
    instance.hub.sweep(clock.now + 29_000);
    expect(anna.closedWith).toBeNull();
    instance.hub.sweep(clock.now + 30_001);
    expect(anna.closedWith?.code).toBe(CLOSE.idle);
  });

  test('a closed room is forwarded and its sockets closed', async () => {
    const [anna, boris] = await annaAndBoris();
    await instance.live.publish({
      roomId: 'r1',
      origin: 'http',
      message: { type: 'room-closed', reason: 'closed-by-owner' },
    });
    await until(() => anna.closedWith !== null && boris.closedWith !== null);
    expect(anna.ofType('room-closed')).toEqual([
      { type: 'room-closed', reason: 'closed-by-owner' },
    ]);
    expect(boris.closedWith?.code).toBe(CLOSE.roomClosed);
  });

  test('stop closes every socket with 1012 and removes the participants', async () => {
    const [anna, boris] = await annaAndBoris();
    await instance.hub.stop();
    expect(anna.closedWith?.code).toBe(CLOSE.serviceRestart);
    expect(boris.closedWith?.code).toBe(CLOSE.serviceRestart);
    expect(await instance.live.listParticipants('r1')).toEqual([]);
  });
});
