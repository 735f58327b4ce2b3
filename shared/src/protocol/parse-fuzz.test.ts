import { expect, test } from 'bun:test';
import { ERROR_CODES } from './errors.ts';
import { createProtocolParsers, encode, type ParseResult } from './parse.ts';

/** Deterministic PRNG (mulberry32) so a failure is reproducible from its seed. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const TYPES = [
  'hello',
  'ping',
  'play',
  'pause',
  'seek',
  'chat',
  'reaction',
  'history',
  'settings',
  'leave',
  'welcome',
  'playback',
  'error',
  'x',
];
const KEYS = [
  'type',
  'v',
  'token',
  'roomId',
  'clientId',
  'id',
  't0',
  'baseSeq',
  'position',
  'text',
  'emoji',
  'before',
  'limit',
  'stalled',
  'controlMode',
  '__proto__',
  'constructor',
];

/** A random JSON-ish value, biased toward almost-valid messages. */
function randomValue(random: () => number, depth: number): unknown {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  switch (Math.floor(random() * (depth > 2 ? 6 : 8))) {
    case 0:
      return pick([0, -1, 1.5, 86_401, 1e308, -0, 2 ** 53, 7]);
    case 1:
      return pick(['', 'abcdefgh', 'я'.repeat(600), '😱', ' ', 'owner', 'hello', '\u0000']);
    case 2:
      return pick([true, false, null]);
    case 3:
      return pick(TYPES);
    case 4:
      return Math.floor(random() * 1000);
    case 5:
      return 'abcdefgh_12';
    case 6:
      return Array.from({ length: Math.floor(random() * 3) }, () => randomValue(random, depth + 1));
    default: {
      const object: Record<string, unknown> = { type: pick(TYPES) };
      for (let i = Math.floor(random() * 5); i > 0; i--)
        object[pick(KEYS)] = randomValue(random, depth + 1);
      return object;
    }
  }
}

/** Valid client messages that the fuzzer mutates. */
const SEEDS: Record<string, unknown>[] = [
  { type: 'hello', v: 1, token: 't', roomId: 'r', clientId: 'tab_1234567' },
  { type: 'ping', id: 1, t0: 5 },
  { type: 'seek', baseSeq: 2, position: 10 },
  { type: 'chat', id: 'abcdefgh', text: 'hi' },
  { type: 'reaction', id: 'abcdefgh', emoji: '🔥' },
  { type: 'history', before: 9, limit: 5 },
  { type: 'settings', bufferPolicy: 'wait' },
  { type: 'leave' },
];

/** A valid message with 0–2 mutations: a field replaced, removed or added. */
function mutated(random: () => number): Record<string, unknown> {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const message = { ...pick(SEEDS) };
  for (let i = Math.floor(random() * 3); i > 0; i--) {
    const keys = Object.keys(message);
    const op = random();
    if (op < 0.5) message[pick(keys)] = randomValue(random, 1);
    else if (op < 0.75) delete message[pick(keys)];
    else message[pick(KEYS)] = randomValue(random, 1);
  }
  return message;
}

/** Random text: JSON of a mutated or random value, cut short, or with a byte flipped. */
function randomFrame(random: () => number): string | Uint8Array {
  const value = random() < 0.6 ? mutated(random) : randomValue(random, 0);
  const json = JSON.stringify(value) ?? 'undefined';
  const mode = random();
  if (mode < 0.7) return json;
  if (mode < 0.85) return json.slice(0, Math.floor(random() * json.length));
  const bytes = new TextEncoder().encode(json);
  if (bytes.length > 0) bytes[Math.floor(random() * bytes.length)] = Math.floor(random() * 256);
  return bytes;
}

function expectWellFormed(result: ParseResult<unknown>): void {
  if (result.ok) {
    expect(typeof result.message).toBe('object');
    return;
  }
  expect(ERROR_CODES).toContain(result.error.code);
  expect(result.error.message.length).toBeGreaterThan(0);
}

test('10,000 random and mangled frames: never a throw, always ok or a known error code', () => {
  for (const mode of ['compiled', 'interpreted'] as const) {
    const parsers = createProtocolParsers(mode);
    const random = seeded(2026);
    let accepted = 0;
    for (let i = 0; i < 5_000; i++) {
      const frame = randomFrame(random);
      const client = parsers.parseClientMessage(frame);
      const server = parsers.parseServerMessage(frame);
      expectWellFormed(client);
      expectWellFormed(server);
      if (client.ok) {
        accepted++;
        expect(parsers.parseClientMessage(encode(client.message))).toEqual(client);
      }
    }
    // The generator is biased toward near-valid messages, so some must get through.
    expect(accepted).toBeGreaterThan(500);
  }
});
