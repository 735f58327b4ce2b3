import { expect, test } from 'bun:test';
import { canChangeSettings, canControl } from './permissions.ts';

test('everyone mode lets members control, owner mode only the owner', () => {
  expect(canControl({ controlMode: 'everyone', bufferPolicy: 'wait' }, false)).toBe(true);
  expect(canControl({ controlMode: 'owner', bufferPolicy: 'wait' }, false)).toBe(false);
  expect(canControl({ controlMode: 'owner', bufferPolicy: 'wait' }, true)).toBe(true);
});

test('only the owner changes settings', () => {
  expect(canChangeSettings(true)).toBe(true);
  expect(canChangeSettings(false)).toBe(false);
});
