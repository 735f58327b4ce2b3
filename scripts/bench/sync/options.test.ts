import { describe, expect, test } from 'bun:test';
import { parseSyncBenchArgs } from './options.ts';

describe('parseSyncBenchArgs', () => {
  test('defaults: 3 members, 120 s, both runs, 80 ± 30 ms', () => {
    expect(parseSyncBenchArgs([])).toEqual({
      members: 3,
      durationSec: 120,
      seed: 1,
      runs: ['loopback', 'proxy'],
      latencyMs: 80,
      jitterMs: 30,
      outDir: 'scripts/bench/results',
    });
  });
  test('flags', () => {
    const o = parseSyncBenchArgs(['--members', '4', '--quick', '--only', 'proxy', '--seed', '9']);
    expect(o.members).toBe(4);
    expect(o.durationSec).toBe(30);
    expect(o.runs).toEqual(['proxy']);
    expect(o.seed).toBe(9);
  });
  test('clear errors for bad values', () => {
    expect(() => parseSyncBenchArgs(['--members', '9'])).toThrow(/--members must be .* 2\.\.4/);
    expect(() => parseSyncBenchArgs(['--duration'])).toThrow(/--duration/);
    expect(() => parseSyncBenchArgs(['--only', 'wan'])).toThrow(/loopback or proxy/);
    expect(() => parseSyncBenchArgs(['--jitter', '100'])).toThrow(/must not exceed/);
    expect(() => parseSyncBenchArgs(['--fast'])).toThrow(/unknown argument "--fast"/);
  });
});
