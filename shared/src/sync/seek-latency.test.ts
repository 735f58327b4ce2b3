import { expect, test } from 'bun:test';
import { DEFAULT_SEEK_LATENCY_CONFIG, SeekLatencyEstimator } from './seek-latency.ts';

test('starts at the initial guess and moves toward measurements (EWMA)', () => {
  const estimator = new SeekLatencyEstimator();
  expect(estimator.estimateSec).toBe(DEFAULT_SEEK_LATENCY_CONFIG.initialSec);
  estimator.record(0.2);
  expect(estimator.estimateSec).toBeCloseTo(0.1 + 0.4 * 0.1, 10);
  for (let i = 0; i < 20; i++) estimator.record(0.25);
  expect(estimator.estimateSec).toBeCloseTo(0.25, 3);
});

test('one huge measurement (a seek that hit the network) is bounded', () => {
  const estimator = new SeekLatencyEstimator();
  estimator.record(30);
  expect(estimator.estimateSec).toBeLessThanOrEqual(DEFAULT_SEEK_LATENCY_CONFIG.maxSec);
  expect(estimator.estimateSec).toBeCloseTo(0.1 + 0.4 * 0.9, 10);
});

test('nonsense measurements are ignored', () => {
  const estimator = new SeekLatencyEstimator();
  for (const bad of [Number.NaN, -0.5, Number.POSITIVE_INFINITY]) estimator.record(bad);
  expect(estimator.estimateSec).toBe(DEFAULT_SEEK_LATENCY_CONFIG.initialSec);
});

test('learns from the residual error after a compensated seek', () => {
  const estimator = new SeekLatencyEstimator({ ...DEFAULT_SEEK_LATENCY_CONFIG, alpha: 1 });
  // Seeked 0.1 s ahead and still 0.08 s behind: the seek took 0.18 s.
  estimator.recordResidual(0.1, 0.08);
  expect(estimator.estimateSec).toBeCloseTo(0.18, 10);
  // Seeked 0.18 s ahead and ended 0.03 s ahead: it took 0.15 s.
  estimator.recordResidual(0.18, -0.03);
  expect(estimator.estimateSec).toBeCloseTo(0.15, 10);
});
