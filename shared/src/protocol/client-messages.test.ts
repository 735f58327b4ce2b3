import { describe, expect, test } from 'bun:test';
import type { ClientMessage } from './client-messages.ts';
import { encode, parseClientMessage } from './parse.ts';
import { PROTOCOL_VERSION } from './version.ts';

/** One valid example of every client message. */
const valid: ClientMessage[] = [
  {
    type: 'hello',
    v: PROTOCOL_VERSION,
    token: 'eyJhbGciOi.x.y',
    roomId: 'room-1',
    clientId: 'tab_1234567',
    lastCursor: 41,
  },
  { type: 'hello', v: PROTOCOL_VERSION, token: 't', roomId: 'room-1', clientId: 'tab_1234567' },
  { type: 'ping', id: 1, t0: 1_764_000_000_000.25 },
  { type: 'play', baseSeq: 0, position: 0 },
  { type: 'pause', baseSeq: 3, position: 61.04 },
  { type: 'seek', baseSeq: 4, position: 86_400 },
  { type: 'play', baseSeq: 5, position: 12.5, at: 1_764_000_000_000.5 },
  { type: 'seek', baseSeq: 6, position: 30, at: 0 },
  { type: 'buffering', stalled: true },
  { type: 'chat', id: 'msg_0001-xy', text: 'Привет 👋' },
  { type: 'reaction', id: 'react_0001', emoji: '😱' },
  { type: 'history', before: 100, limit: 100 },
  { type: 'settings', controlMode: 'owner' },
  { type: 'settings', bufferPolicy: 'continue', controlMode: 'everyone' },
  { type: 'leave' },
  { type: 'seek', id: 'cmd_0001-xy', baseSeq: 6, position: 30 },
  { type: 'buffering', id: 'buf_0001-xy', stalled: false },
  { type: 'settings', id: 'set_0001-xy', controlMode: 'owner' },
  { type: 'history', id: 'his_0001-xy', before: 9, limit: 10 },
  { type: 'leave', id: 'bye_0001-xy' },
];

describe('parseClientMessage accepts every valid message', () => {
  for (const message of valid) {
    test(`${message.type} ${encode(message)}`, () => {
      const result = parseClientMessage(encode(message));
      expect(result).toEqual({ ok: true, message });
    });
  }
});

test('chat text is trimmed and history.limit defaults to 30', () => {
  expect(parseClientMessage('{"type":"chat","id":"abcdefgh","text":"  hi  "}')).toEqual({
    ok: true,
    message: { type: 'chat', id: 'abcdefgh', text: 'hi' },
  });
  expect(parseClientMessage('{"type":"history","before":5}')).toEqual({
    ok: true,
    message: { type: 'history', before: 5, limit: 30 },
  });
});

/** [description, message, substring the error must contain] — all must be `invalid_message`. */
const invalid: [string, unknown, string][] = [
  ['negative position', { type: 'seek', baseSeq: 1, position: -0.5 }, 'position'],
  ['position over 24 h', { type: 'play', baseSeq: 1, position: 86_400.1 }, 'position'],
  ['position as string', { type: 'pause', baseSeq: 1, position: '12' }, 'position'],
  ['missing position', { type: 'pause', baseSeq: 1 }, '"position" is required'],
  ['fractional seq', { type: 'play', baseSeq: 1.5, position: 1 }, 'baseSeq'],
  ['negative seq', { type: 'play', baseSeq: -1, position: 1 }, 'baseSeq'],
  [
    'extra property',
    { type: 'play', baseSeq: 1, position: 1, rate: 2 },
    'unexpected property "rate"',
  ],
  ['negative at', { type: 'play', baseSeq: 1, position: 1, at: -1 }, 'at'],
  ['at as string', { type: 'seek', baseSeq: 1, position: 1, at: '1764000000000' }, 'at'],
  ['hello without token', { type: 'hello', v: 1, roomId: 'r', clientId: 'tab_1234567' }, 'token'],
  [
    'hello with short clientId',
    { type: 'hello', v: 1, token: 't', roomId: 'r', clientId: 'x' },
    'clientId',
  ],
  [
    'hello with empty roomId',
    { type: 'hello', v: 1, token: 't', roomId: '', clientId: 'tab_1234567' },
    'roomId',
  ],
  ['ping without t0', { type: 'ping', id: 1 }, 't0'],
  ['buffering as string', { type: 'buffering', stalled: 'yes' }, 'stalled'],
  ['chat id too short', { type: 'chat', id: 'abc', text: 'hi' }, 'id'],
  ['chat id with spaces', { type: 'chat', id: 'abc defgh', text: 'hi' }, 'id'],
  ['chat id too long', { type: 'chat', id: 'a'.repeat(65), text: 'hi' }, 'id'],
  ['empty chat', { type: 'chat', id: 'abcdefgh', text: '' }, 'text'],
  [
    'whitespace-only chat',
    { type: 'chat', id: 'abcdefgh', text: ' \n\t ' },
    'text must not be blank',
  ],
  ['chat of 501 characters', { type: 'chat', id: 'abcdefgh', text: 'я'.repeat(501) }, 'text'],
  ['unknown emoji', { type: 'reaction', id: 'abcdefgh', emoji: '💩' }, 'emoji'],
  ['history limit 0', { type: 'history', before: 1, limit: 0 }, 'limit'],
  ['history limit 101', { type: 'history', before: 1, limit: 101 }, 'limit'],
  ['empty settings change', { type: 'settings' }, 'at least one'],
  ['settings change with only an id', { type: 'settings', id: 'abcdefgh' }, 'at least one'],
  ['zero-width-only chat', { type: 'chat', id: 'abcdefgh', text: '\u200B\u200B' }, 'visible'],
  ['Hangul-filler chat', { type: 'chat', id: 'abcdefgh', text: '\u3164' }, 'visible'],
  ['command id with a space', { type: 'play', id: 'bad id here', baseSeq: 1, position: 0 }, 'id'],
  ['unknown control mode', { type: 'settings', controlMode: 'nobody' }, 'controlMode'],
  ['__proto__ as a key', JSON.parse('{"type":"leave","__proto__":{"x":1}}'), '"__proto__"'],
  ['leave with payload', { type: 'leave', why: 'bye' }, 'unexpected property "why"'],
];

describe('parseClientMessage rejects invalid messages with the field named', () => {
  for (const [name, value, mention] of invalid) {
    test(name, () => {
      const result = parseClientMessage(JSON.stringify(value));
      if (result.ok) throw new Error(`accepted ${JSON.stringify(value)}`);
      expect(result.error.code).toBe('invalid_message');
      expect(result.error.message).toContain(mention);
    });
  }
});

test('chat of exactly 500 characters is accepted', () => {
  const result = parseClientMessage(
    JSON.stringify({ type: 'chat', id: 'abcdefgh', text: 'я'.repeat(500) }),
  );
  expect(result.ok).toBe(true);
});

test('errors about a chat carry its id as ref', () => {
  const result = parseClientMessage('{"type":"chat","id":"abcdefgh","text":""}');
  expect(result).toMatchObject({ ok: false, error: { code: 'invalid_message', ref: 'abcdefgh' } });
});

test('every error about a readable message names it: its id, else its type', () => {
  expect(
    parseClientMessage('{"type":"seek","id":"cmd_00001","baseSeq":-1,"position":1}'),
  ).toMatchObject({ ok: false, error: { ref: 'cmd_00001' } });
  expect(parseClientMessage('{"type":"seek","baseSeq":-1,"position":1}')).toMatchObject({
    ok: false,
    error: { ref: 'seek' },
  });
  expect(parseClientMessage('{"type":"chat","id":"abcdefgh","text":"\u3164"}')).toMatchObject({
    ok: false,
    error: { ref: 'abcdefgh' },
  });
});

test('chat is stored well-formed: a lone surrogate becomes U+FFFD', () => {
  expect(parseClientMessage('{"type":"chat","id":"abcdefgh","text":"hi \\ud83d"}')).toEqual({
    ok: true,
    message: { type: 'chat', id: 'abcdefgh', text: 'hi \uFFFD' },
  });
});

test('a JSON string that wraps a message is not a message', () => {
  const wrapped = JSON.stringify(JSON.stringify({ type: 'ping', id: 1, t0: 1 }));
  expect(parseClientMessage(wrapped)).toMatchObject({
    ok: false,
    error: { code: 'invalid_message', message: 'message must be a JSON object' },
  });
});

test('Infinity (1e999 in JSON) is not a position', () => {
  const result = parseClientMessage('{"type":"seek","baseSeq":1,"position":1e999}');
  expect(result).toMatchObject({ ok: false, error: { code: 'invalid_message' } });
});

test('a command without `at` (an older v1 client) is still valid and gains no `at`', () => {
  const result = parseClientMessage('{"type":"pause","baseSeq":2,"position":5}');
  expect(result).toEqual({ ok: true, message: { type: 'pause', baseSeq: 2, position: 5 } });
});

test('Infinity (1e999 in JSON) is not an `at`', () => {
  const result = parseClientMessage('{"type":"play","baseSeq":1,"position":1,"at":1e999}');
  expect(result).toMatchObject({ ok: false, error: { code: 'invalid_message' } });
});

describe('framing errors', () => {
  test('bad JSON', () => {
    expect(parseClientMessage('{"type":')).toMatchObject({
      ok: false,
      error: { code: 'bad_json' },
    });
  });

  test('invalid UTF-8 bytes', () => {
    const bytes = new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]);
    expect(parseClientMessage(bytes)).toMatchObject({ ok: false, error: { code: 'bad_json' } });
  });

  test('binary frames holding JSON are accepted (Uint8Array and ArrayBuffer)', () => {
    const bytes = new TextEncoder().encode('{"type":"leave"}');
    expect(parseClientMessage(bytes)).toEqual({ ok: true, message: { type: 'leave' } });
    expect(parseClientMessage(bytes.slice().buffer)).toEqual({
      ok: true,
      message: { type: 'leave' },
    });
  });

  test('non-objects', () => {
    for (const raw of ['null', '[]', '"play"', '42', 'true']) {
      expect(parseClientMessage(raw)).toMatchObject({
        ok: false,
        error: { code: 'invalid_message', message: 'message must be a JSON object' },
      });
    }
  });

  test('missing or non-string type', () => {
    for (const raw of ['{}', '{"type":5}']) {
      expect(parseClientMessage(raw)).toMatchObject({
        ok: false,
        error: { code: 'invalid_message' },
      });
    }
  });

  test('unknown type is named', () => {
    expect(parseClientMessage('{"type":"explode"}')).toEqual({
      ok: false,
      error: { code: 'unknown_type', message: 'unknown message type "explode"', ref: 'explode' },
    });
  });

  test('inherited property names are not message types', () => {
    for (const type of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
      const result = parseClientMessage(JSON.stringify({ type }));
      expect(result).toMatchObject({ ok: false, error: { code: 'unknown_type' } });
    }
  });

  test('server message types are unknown to the client parser', () => {
    expect(parseClientMessage('{"type":"welcome"}')).toMatchObject({
      ok: false,
      error: { code: 'unknown_type' },
    });
  });

  test('oversized frames are refused before parsing, counting UTF-8 bytes', () => {
    const big = JSON.stringify({ type: 'chat', id: 'abcdefgh', text: 'x'.repeat(20_000) });
    expect(parseClientMessage(big)).toMatchObject({ ok: false, error: { code: 'too_large' } });
    // Not JSON at all, yet too_large wins: the size check runs first.
    expect(parseClientMessage('x'.repeat(16_385))).toMatchObject({
      ok: false,
      error: { code: 'too_large' },
    });
    // 6,000 Cyrillic characters are 12,000 bytes: fine at 16 KiB, too large at 10,000.
    const cyrillic = JSON.stringify({ type: 'buffering', stalled: true, pad: 'я'.repeat(6_000) });
    expect(parseClientMessage(cyrillic)).toMatchObject({ error: { code: 'invalid_message' } });
    expect(parseClientMessage(cyrillic, 10_000)).toMatchObject({ error: { code: 'too_large' } });
    const bytes = new Uint8Array(16_385).fill(0x20);
    expect(parseClientMessage(bytes)).toMatchObject({ ok: false, error: { code: 'too_large' } });
  });
});

describe('version', () => {
  test('hello of another version is refused with a reason, before its shape is judged', () => {
    const hello = {
      type: 'hello',
      v: 2,
      token: 't',
      roomId: 'r',
      clientId: 'tab_1234567',
      newField: 1,
    };
    expect(parseClientMessage(JSON.stringify(hello))).toEqual({
      ok: false,
      error: { code: 'version_mismatch', message: 'server speaks v1, client v2', ref: 'hello' },
    });
  });

  test('hello with a non-numeric version is an invalid message', () => {
    const hello = { type: 'hello', v: '1', token: 't', roomId: 'r', clientId: 'tab_1234567' };
    expect(parseClientMessage(JSON.stringify(hello))).toMatchObject({
      ok: false,
      error: { code: 'invalid_message' },
    });
  });
});
