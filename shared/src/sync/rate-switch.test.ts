import { expect, test } from 'bun:test';
import { RateSwitchCost } from './rate-switch.ts';

test('learns how far the player falls behind on a switch back to the room rate', () => {
  const cost = new RateSwitchCost();
  expect(cost.estimateSec).toBe(0);
  for (let i = 0; i < 20; i++) {
    const at = i * 1000;
    cost.switched(at, -0.015, true); // stopped 15 ms ahead …
    cost.observe(at + 40, 0); // too soon to tell
    cost.observe(at + 100, 0.002); // … and is 2 ms behind a tick later: it lost 17 ms
  }
  expect(cost.estimateSec).toBeCloseTo(0.017, 4);
});

test('other changes, disturbances and late or wild ticks teach nothing or stay bounded', () => {
  const cost = new RateSwitchCost({
    alpha: 1,
    minSec: 0,
    maxSec: 0.04,
    settleMs: 80,
    maxWaitMs: 400,
  });
  cost.switched(0, 0.01, false); // into a nudge: not measured
  cost.observe(100, 0.05);
  cost.switched(1000, 0, true);
  cost.interrupted(); // a seek
  cost.observe(1100, 0.5);
  cost.switched(2000, 0, true);
  cost.observe(2500, 0.01); // too late
  expect(cost.estimateSec).toBe(0);
  cost.switched(3000, 0, true);
  cost.observe(3100, 0.3); // bounded
  expect(cost.estimateSec).toBeCloseTo(0.04, 9);
  cost.switched(4000, 0, true);
  cost.observe(4100, -0.01); // gained: bounded at 0
  expect(cost.estimateSec).toBe(0);
});
