import { describe, expect, test } from 'bun:test';
import { DEFAULTS, OptionError, parseOptions, QUICK, TARGETS } from './options.ts';

describe('bench:load flags', () => {
  test('no flags: 5,000 connections against every target', () => {
    expect(parseOptions([])).toEqual(DEFAULTS);
    expect(DEFAULTS.connections).toBe(5_000);
    expect(DEFAULTS.targets).toEqual([...TARGETS]);
  });

  test('--quick shrinks the run, and explicit flags still win', () => {
    const quick = parseOptions(['--quick']);
    expect(quick.quick).toBe(true);
    expect(quick.connections).toBe(QUICK.connections!);
    expect(parseOptions(['--connections', '1000', '--quick']).connections).toBe(1000);
  });

  test('both --flag value and --flag=value forms', () => {
    const o = parseOptions(['--duration=30', '--workers', '3', '--targets', 'kino-2,bare']);
    expect(o.durationSec).toBe(30);
    expect(o.workers).toBe(3);
    expect(o.targets).toEqual(['bare', 'kino-2']);
  });

  test('bad values name the flag', () => {
    expect(() => parseOptions(['--connections', 'many'])).toThrow('--connections needs a whole');
    expect(() => parseOptions(['--connections', '1'])).toThrow('between 2 and 20000');
    expect(() => parseOptions(['--duration'])).toThrow('got nothing');
    expect(() => parseOptions(['--targets', 'kino-9'])).toThrow(OptionError);
    expect(() => parseOptions(['--fast'])).toThrow('unknown flag --fast');
  });
});
