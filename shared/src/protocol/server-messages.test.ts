import { describe, expect, test } from 'bun:test';
import { encode, parseServerMessage } from './parse.ts';
import type { ServerMessage } from './server-messages.ts';
import { chatMessage, participant, playback } from './test-fixtures.ts';
import { PROTOCOL_VERSION } from './version.ts';

const settings = { controlMode: 'everyone', bufferPolicy: 'wait' } as const;

/** One valid example of every server message. */
const valid: ServerMessage[] = [
  {
    type: 'welcome',
    v: PROTOCOL_VERSION,
    serverTime: 1_764_000_000_123,
    you: { userId: 'u-anna', name: 'Anna', connectionId: 'c-2', isOwner: true, canControl: true },
    room: { id: 'room-1', filmId: 'film-9', ownerId: 'u-anna', settings },
    playback,
    participants: [participant],
    chat: { messages: [chatMessage], hasMore: false },
  },
  { type: 'pong', id: 3, t0: 1000.5, serverTime: 1_764_000_000_123 },
  { type: 'playback', playback, cause: { userId: 'u-boris', name: 'Борис', action: 'pause' } },
  {
    type: 'playback',
    playback,
    cause: { userId: 'u-boris', name: 'Борис', action: 'wait-buffering' },
  },
  { type: 'playback', playback, cause: null },
  { type: 'presence', participants: [participant] },
  {
    type: 'presence',
    participants: [{ ...participant, buffering: true }],
    event: { kind: 'buffering', userId: 'u-boris', name: 'Борис' },
  },
  { type: 'chat', message: chatMessage },
  { type: 'chat', message: { ...chatMessage, kind: 'reaction', text: '🔥' } },
  { type: 'history', messages: [chatMessage], hasMore: true },
  { type: 'settings', settings: { controlMode: 'owner', bufferPolicy: 'continue' } },
  { type: 'error', code: 'stale', message: 'command based on seq 6, room is at 7', ref: '12' },
  { type: 'error', code: 'version_mismatch', message: 'server speaks v1, client v2', fatal: true },
  { type: 'room-closed', reason: 'closed-by-owner' },
];

describe('parseServerMessage accepts every valid message', () => {
  for (const message of valid) {
    test(`${message.type}`, () => {
      expect(parseServerMessage(encode(message))).toEqual({ ok: true, message });
    });
  }
});

const invalid: [string, unknown, string][] = [
  [
    'playback with rate 0',
    { type: 'playback', playback: { ...playback, rate: 0 }, cause: null },
    'rate',
  ],
  ['playback without cause', { type: 'playback', playback }, '"cause" is required'],
  [
    'unknown cause action',
    { type: 'playback', playback, cause: { userId: 'u', name: 'n', action: 'rewind' } },
    'cause',
  ],
  [
    'participant with extra field',
    { type: 'presence', participants: [{ ...participant, ip: '1.2.3.4' }] },
    'ip',
  ],
  [
    'chat message with negative cursor',
    { type: 'chat', message: { ...chatMessage, cursor: -1 } },
    'cursor',
  ],
  ['unknown error code', { type: 'error', code: 'oops', message: 'x' }, 'code'],
  ['unknown close reason', { type: 'room-closed', reason: 'bored' }, 'reason'],
  ['welcome without playback', { ...(valid[0] as object), playback: undefined }, 'playback'],
];

describe('parseServerMessage rejects invalid messages', () => {
  for (const [name, value, mention] of invalid) {
    test(name, () => {
      const result = parseServerMessage(JSON.stringify(value));
      if (result.ok) throw new Error(`accepted ${JSON.stringify(value)}`);
      expect(result.error.code).toBe('invalid_message');
      expect(result.error.message).toContain(mention);
    });
  }

  test('client message types are unknown to the server parser', () => {
    expect(parseServerMessage('{"type":"ping","id":1,"t0":1}')).toMatchObject({
      ok: false,
      error: { code: 'unknown_type' },
    });
  });
});
