import { expect, test } from 'bun:test';
import { countersMoved } from './run-target.ts';
import { instanceFigures } from './scale-report.ts';

test('counters are taken per instance as what moved during the phase', () => {
  const moved = countersMoved(
    ['kino-1', 'kino-2'],
    [{ received: 5, cpuMs: 100 }, null],
    [{ received: 15, cpuMs: 350 }, { received: 2 }],
  );
  expect(moved).toEqual([
    { name: 'kino-1', counters: { received: 10, cpuMs: 250 } },
    { name: 'kino-2', counters: { received: 2 } },
  ]);
  expect(countersMoved(['bare'], [null], [null])).toBeUndefined();
});

test('an instance hearing only its rooms scores 1.0; CPU is per 1,000 frames', () => {
  const f = instanceFigures('kino-2', {
    name: 'kino-1',
    counters: { received: 400, needed: 400, framesOut: 8_000, cpuMs: 1_200, stray: 0 },
  });
  expect(f.receivedPerNeeded).toBe(1);
  expect(f.cpuMsPerKFrames).toBe(150);
  // All rooms local: nothing received, nothing needed — as good as it gets.
  expect(instanceFigures('kino-2a', { name: 'kino-1', counters: {} }).receivedPerNeeded).toBe(1);
  // The old single channel: everything of every room, twice what it needed.
  const all = instanceFigures('old', { name: 'i', counters: { received: 800, needed: 400 } });
  expect(all.receivedPerNeeded).toBe(2);
});
