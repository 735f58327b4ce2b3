import { expect, test } from 'bun:test';
import { SettledError } from './settled-error.ts';

test('the median of the last half second, once three errors are in', () => {
  const settled = new SettledError();
  settled.add(0, 0.006);
  settled.add(100, 0.03); // one odd reading
  expect(settled.value(100)).toBeUndefined();
  settled.add(200, 0.005);
  expect(settled.value(200)).toBeCloseTo(0.006, 9);
  settled.add(300, 0.004);
  expect(settled.value(300)).toBeCloseTo(0.0055, 9);
});

test('old errors drop out of the window; a reset forgets all', () => {
  const settled = new SettledError({ windowMs: 500, minSamples: 3 });
  for (const [at, error] of [
    [0, 0.02],
    [100, 0.02],
    [200, 0.02],
    [600, 0.001],
    [700, 0.001],
  ] as const) {
    settled.add(at, error);
  }
  expect(settled.value(700)).toBeCloseTo(0.001, 9); // 200, 600, 700: 0.02 is outvoted
  expect(settled.value(1150)).toBeUndefined(); // only 700 left
  settled.add(1200, 0.002);
  settled.reset();
  expect(settled.value(1200)).toBeUndefined();
});
