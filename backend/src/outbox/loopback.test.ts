import { expect, test } from 'bun:test';
import { isLoopbackAddress } from './loopback.ts';

test('loopback peers are recognised, others are not', () => {
  for (const a of ['127.0.0.1', '127.8.9.10', '::1', '::ffff:127.0.0.1']) {
    expect(isLoopbackAddress(a)).toBe(true);
  }
  for (const a of ['10.0.0.1', '192.168.1.5', '::ffff:10.0.0.1', 'fe80::1', '0.0.0.0', '', null]) {
    expect(isLoopbackAddress(a)).toBe(false);
  }
  expect(isLoopbackAddress(undefined)).toBe(false);
});
