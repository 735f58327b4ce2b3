/**
 * Every bad-input case against the hub: the sender gets a clear error, the room goes on,
 * the other members see nothing; persistent abuse closes only the abuser.
 */
import { afterEach, beforeEach, describe, expect, test } from 'bun:test';
import { PROTOCOL_VERSION } from '@kino/shared/protocol';
import { createMemoryLiveState } from '../../src/live/memory.ts';
import { CLOSE, MAX_FRAME_BYTES, PRE_HELLO_PINGS, RATE_LIMITS } from '../../src/realtime/limits.ts';
import {
  Fault,
  hello,
  joined,
  MemorySocket,
  protocolViolations,
  settle,
  startMemoryInstance,
  type TestInstance,
  through,
  until,
} from './memory-hub.support.ts';

afterEach(() => {
  expect(protocolViolations).toEqual([]);
});

let instance: TestInstance;
let anna: MemorySocket;
let boris: MemorySocket;

beforeEach(async () => {
  instance = await startMemoryInstance(createMemoryLiveState());
  anna = await joined(instance, 'anna');
  boris = await joined(instance, 'boris');
  await until(() => anna.ofType('presence').length >= 2);
  anna.clear();
  boris.clear();
});

/** After the bad input, the room still works for the sender and for others. */
async function roomGoesOn() {
  boris.push({ type: 'chat', id: 'after-bad-input', text: 'still here' });
  await until(() => anna.ofType('chat').length === 1 && boris.ofType('chat').length === 1);
  expect(anna.received.every((m) => m.type === 'chat')).toBe(true);
  expect(boris.closedWith).toBeNull();
}

const badFrames: [string, unknown, string][] = [
  ['malformed JSON', '{"type": "chat", ', 'bad_json'],
  ['a JSON array', '[1,2]', 'invalid_message'],
  ['an unknown type', { type: 'teleport', to: 'mars' }, 'unknown_type'],
  ['a wrong field type', { type: 'seek', baseSeq: 'zero', position: 1 }, 'invalid_message'],
  ['a negative position', { type: 'seek', baseSeq: 0, position: -5 }, 'invalid_message'],
  ['an extra field', { type: 'pause', baseSeq: 0, position: 0, admin: true }, 'invalid_message'],
  [
    'an over-long chat',
    { type: 'chat', id: 'long-chat-01', text: 'x'.repeat(501) },
    'invalid_message',
  ],
  ['an unknown emoji', { type: 'reaction', id: 'reaction-01', emoji: '💩' }, 'invalid_message'],
  ['an oversized frame', `{"type":"chat","pad":"${'x'.repeat(MAX_FRAME_BYTES)}"}`, 'too_large'],
  ['a second hello', hello('boris'), 'invalid_message'],
];

describe('bad input from a joined member', () => {
  for (const [name, frame, code] of badFrames) {
    test(`${name} → ${code}`, async () => {
      boris.push(frame);
      await until(() => boris.ofType('error').length === 1, `${code} error`);
      expect(boris.ofType('error')[0]).toMatchObject({ type: 'error', code });
      expect(boris.ofType('error')[0]?.fatal).toBeUndefined();
      await roomGoesOn();
    });
  }

  test('a chat error names the message it is about', async () => {
    boris.push({ type: 'chat', id: 'bad-chat-0001', text: '   ' });
    await until(() => boris.ofType('error').length === 1);
    expect(boris.ofType('error')[0]).toMatchObject({
      code: 'invalid_message',
      ref: 'bad-chat-0001',
    });
  });

  test('a chat flood is rate limited after the burst, the rest of the room unaffected', async () => {
    const flood = RATE_LIMITS.chat.burst + 5;
    for (let i = 0; i < flood; i++)
      boris.push({ type: 'chat', id: `flood-msg-${i}`, text: `${i}` });
    await until(() => boris.ofType('error').length === 5, 'rate_limited errors');
    expect(boris.ofType('error').every((e) => e.code === 'rate_limited')).toBe(true);
    expect(boris.ofType('error')[0]?.ref).toBe(`flood-msg-${RATE_LIMITS.chat.burst}`);
    await until(() => anna.ofType('chat').length === RATE_LIMITS.chat.burst);
    await settle();
    expect(anna.ofType('chat')).toHaveLength(RATE_LIMITS.chat.burst);
    expect(anna.ofType('error')).toEqual([]);
    // Pings draw from another bucket, so clock sync survives a chat flood.
    boris.push({ type: 'ping', id: 1, t0: 5 });
    await until(() => boris.ofType('pong').length === 1);
  });

  test('persistent abuse closes only that connection, with a reason', async () => {
    for (let i = 0; i < 30; i++) boris.push('not json');
    await until(() => boris.closedWith !== null, 'abuser closed');
    expect(boris.closedWith).toEqual({
      code: CLOSE.abuse,
      reason: 'too many invalid or rate-limited messages',
    });
    expect(boris.ofType('error')).toHaveLength(20);
    await until(() => anna.ofType('presence').some((p) => p.event?.kind === 'leave'));
    anna.push({ type: 'chat', id: 'anna-after-01', text: 'ok' });
    await until(() => anna.ofType('chat').length === 1);
    expect(anna.closedWith).toBeNull();
  });
});

describe('refused joins', () => {
  async function refused(frame: unknown) {
    const socket = new MemorySocket(`refused-${Math.random()}`, instance.hub);
    socket.push(frame);
    await until(() => socket.closedWith !== null, 'close');
    await settle();
    expect(anna.received).toEqual([]);
    return socket;
  }

  test('another protocol version → version_mismatch and close 4002', async () => {
    const socket = await refused(hello('vera', { v: PROTOCOL_VERSION + 1 }));
    expect(socket.ofType('error')[0]).toMatchObject({ code: 'version_mismatch', fatal: true });
    expect(socket.closedWith?.code).toBe(CLOSE.versionMismatch);
  });

  test('a bad token → unauthorized and close 4003', async () => {
    const socket = await refused({ ...hello('vera'), token: 'forged' });
    expect(socket.ofType('error')[0]).toMatchObject({ code: 'unauthorized', fatal: true });
    expect(socket.closedWith?.code).toBe(CLOSE.denied);
  });

  test('a stranger → forbidden and close 4003', async () => {
    const socket = await refused(hello('gleb'));
    expect(socket.ofType('error')[0]).toMatchObject({ code: 'forbidden', fatal: true });
    expect(socket.closedWith?.code).toBe(CLOSE.denied);
  });

  test('a closed room → room_closed and close 4004', async () => {
    const socket = await refused(hello('anna', { roomId: 'closed-room' }));
    expect(socket.ofType('error')[0]).toMatchObject({ code: 'room_closed', fatal: true });
    expect(socket.closedWith?.code).toBe(CLOSE.roomClosed);
  });

  test('a failing dependency during hello → internal, close 1011, no entry left', async () => {
    const socket = await refused(hello('anna', { roomId: 'broken-room' }));
    expect(socket.ofType('error')[0]).toMatchObject({ code: 'internal', fatal: true });
    expect(socket.closedWith?.code).toBe(CLOSE.internalError);
    expect(instance.errors).toEqual(['join failed']);
  });

  test('commands before hello → not_joined, connection stays open for the hello', async () => {
    const socket = new MemorySocket('early', instance.hub);
    socket.push({ type: 'chat', id: 'too-early-01', text: 'hi' });
    await until(() => socket.ofType('error').length === 1);
    expect(socket.ofType('error')[0]).toMatchObject({ code: 'not_joined', ref: 'too-early-01' });
    socket.push(hello('vera'));
    await until(() => socket.ofType('welcome').length === 1);
  });

  test('ids that cannot name a room → not_found, never internal, and no lookup', async () => {
    const odd = ['r\u0000', '../r1', 'r1\n', 'комната', 'x'.repeat(65), 'r1 ', '%00', 'r1\uD800'];
    for (const roomId of odd) {
      const socket = await refused(hello('anna', { roomId }));
      expect(socket.ofType('error')[0]).toMatchObject({ code: 'not_found', fatal: true });
      expect(socket.closedWith?.code).toBe(CLOSE.denied);
    }
    expect(instance.errors).toEqual([]);
  });

  test('a dependency that is away during hello → unavailable, close 1013 (come back later)', async () => {
    const fault = new Fault();
    const flaky = await startMemoryInstance(createMemoryLiveState(), 'i9', {
      record: (record) => through(record, fault, 'database'),
    });
    fault.down = true;
    const socket = new MemorySocket('flaky-hello', flaky.hub);
    socket.push(hello('anna'));
    await until(() => socket.closedWith !== null);
    expect(socket.ofType('error')[0]).toMatchObject({
      code: 'unavailable',
      fatal: true,
      ref: 'hello',
    });
    expect(socket.closedWith?.code).toBe(CLOSE.tryAgainLater);
    expect(flaky.errors).toEqual([]);
  });
});

describe('before hello a socket is anonymous, and everything it sends counts', () => {
  test('junk before hello closes it as an abuser', async () => {
    const socket = new MemorySocket('junk-first', instance.hub);
    for (let i = 0; i < 25; i++) socket.push(i % 2 ? '\u0000\u0001' : '{"type":');
    await until(() => socket.closedWith !== null);
    expect(socket.closedWith?.code).toBe(CLOSE.abuse);
  });

  test('a few pings before hello are fine, a flood of them is not', async () => {
    const socket = new MemorySocket('ping-first', instance.hub);
    for (let i = 0; i < 30; i++) socket.push({ type: 'ping', id: i, t0: i });
    await until(() => socket.closedWith !== null);
    expect(socket.ofType('pong')).toHaveLength(PRE_HELLO_PINGS);
    expect(socket.closedWith?.code).toBe(CLOSE.abuse);
  });

  test('a JSON string that wraps a hello is not a hello', async () => {
    const socket = new MemorySocket('wrapped', instance.hub);
    socket.push(JSON.stringify(JSON.stringify(hello('vera'))));
    await until(() => socket.ofType('error').length === 1);
    expect(socket.ofType('error')[0]).toMatchObject({ code: 'invalid_message' });
    expect(socket.ofType('welcome')).toEqual([]);
  });

  test('deep nesting is refused without a stack overflow, and counted', async () => {
    const depth = 8_000;
    const nested = `{"type":"hello","v":1,"token":${'['.repeat(depth)}${']'.repeat(depth)}}`;
    const socket = new MemorySocket('nested', instance.hub);
    for (let i = 0; i < 20; i++) socket.push(nested);
    await until(() => socket.closedWith !== null);
    expect(socket.ofType('error')[0]).toMatchObject({ code: 'invalid_message', ref: 'hello' });
    expect(socket.closedWith?.code).toBe(CLOSE.abuse);
  });
});

describe('chat that shows nothing', () => {
  const invisible = [
    '\u200B\u200B',
    '\u3164',
    '\u115F\u1160',
    '\uFFA0',
    ' \u0301',
    '\u2800',
    '\u00A0\u3000',
  ];
  test('is refused with its id; nobody sees it', async () => {
    for (const [i, text] of invisible.entries()) {
      boris.push({ type: 'chat', id: `invisible-${i}-x`, text });
    }
    await until(() => boris.ofType('error').length === invisible.length);
    expect(boris.ofType('error').map((e) => [e.code, e.ref])).toEqual(
      invisible.map((_, i) => ['invalid_message', `invisible-${i}-x`]),
    );
    await roomGoesOn();
  });
});
