import { expect, test } from 'bun:test';
import { StartLatencyMeter } from './start-latency.ts';

test('learns the time a start takes until the position moves', () => {
  const meter = new StartLatencyMeter();
  expect(meter.estimateSec).toBe(0);
  for (let i = 0; i < 12; i++) {
    meter.started(1000 * i, 10);
    meter.observe(1000 * i + 40, 10, 1); // not moved yet: nothing learned
    // 150 ms later it has moved 60 ms at rate 1: it stood still for 90 ms.
    meter.observe(1000 * i + 150, 10.06, 1);
  }
  expect(meter.estimateSec).toBeCloseTo(0.09, 3);
});

test('the distance moved counts at the rate the video plays', () => {
  const meter = new StartLatencyMeter({ initialSec: 0, alpha: 1, minSec: 0, maxSec: 1 });
  meter.started(0, 5);
  meter.observe(100, 5.06, 1.2); // 60 ms of film at 1.2 = 50 ms moving, 50 ms still
  expect(meter.estimateSec).toBeCloseTo(0.05, 9);
});

test('one measurement per start; seeks, pauses, jumps back and late ticks teach nothing', () => {
  const meter = new StartLatencyMeter({ initialSec: 0, alpha: 1, minSec: 0, maxSec: 1 });
  meter.started(0, 5);
  meter.observe(100, 5.02, 1);
  expect(meter.estimateSec).toBeCloseTo(0.08, 9);
  meter.observe(200, 5.05, 1); // already measured
  expect(meter.estimateSec).toBeCloseTo(0.08, 9);
  meter.started(1000, 5);
  meter.interrupted();
  meter.observe(1100, 5.09, 1);
  meter.started(2000, 5);
  meter.observe(2100, 4, 1); // jumped back: spoilt
  meter.observe(2200, 4.01, 1);
  meter.started(3000, 5);
  meter.observe(4500, 5.01, 1); // too late to mean anything
  expect(meter.estimateSec).toBeCloseTo(0.08, 9);
});
