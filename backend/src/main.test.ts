import { expect, test } from 'bun:test';
import { localUrl } from './main.ts';

test('a wildcard or loopback bind is reached as localhost, anything else by its own address', () => {
  expect(localUrl('localhost', 8787)).toBe('http://localhost:8787');
  expect(localUrl('0.0.0.0', 8787)).toBe('http://localhost:8787');
  expect(localUrl('::', 1)).toBe('http://localhost:1');
  expect(localUrl('127.0.0.1', 2)).toBe('http://localhost:2');
  expect(localUrl('10.0.0.5', 3)).toBe('http://10.0.0.5:3');
  expect(localUrl('fd00::5', 4)).toBe('http://[fd00::5]:4');
});
