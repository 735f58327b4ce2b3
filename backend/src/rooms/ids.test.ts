import { expect, test } from 'bun:test';
import { newSecretId } from './ids.ts';

test('secret ids are 128-bit base64url and do not repeat', () => {
  const ids = Array.from({ length: 1000 }, newSecretId);
  for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/);
  expect(new Set(ids).size).toBe(ids.length);
});
