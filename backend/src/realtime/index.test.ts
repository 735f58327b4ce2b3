import { expect, test } from 'bun:test';
import { toRawFrame } from './index.ts';

test('frames Elysia pre-parsed go back to JSON text; text and binary pass through', () => {
  expect(toRawFrame({ type: 'ping', id: 1, t0: 2 })).toBe('{"type":"ping","id":1,"t0":2}');
  expect(toRawFrame([1, 2])).toBe('[1,2]');
  expect(toRawFrame(42)).toBe('42');
  expect(toRawFrame(null)).toBe('null');
  expect(toRawFrame('{broken')).toBe('{broken');
  const bytes = new Uint8Array([123, 125]);
  expect(toRawFrame(bytes)).toBe(bytes);
});
