import { expect, test } from 'bun:test';
import { decodeEnvelope, encodeEnvelope } from './bus-envelope.ts';

test('an event survives the envelope, with the publisher’s own text', () => {
  const text = '{"type":"room-closed","reason":"при\\tвет\\n"}';
  const event = { roomId: 'r1', origin: 'i1', message: JSON.parse(text), rev: 17, local: true };
  const raw = encodeEnvelope({ ...event, text });
  expect(raw.startsWith('r1\ti1\t17\t1\n')).toBe(true);
  expect(decodeEnvelope(raw)).toEqual({ ...event, text });
});

test('without rev, local or text the message is encoded and comes back the same', () => {
  const event = {
    roomId: '*instances',
    origin: 'i2',
    message: { type: '*instance-alive' },
  } as const;
  const decoded = decodeEnvelope(encodeEnvelope(event));
  expect(decoded).toEqual({ ...event, text: JSON.stringify(event.message) });
});

test('anything else on the channel is refused, not thrown', () => {
  for (const raw of ['', 'no header', 'r1\ti1\t\t\n{broken', 'r1\t\t\t\n{}', 'r1\ti1\tx\t\n{}']) {
    expect(decodeEnvelope(raw)).toBeNull();
  }
});
