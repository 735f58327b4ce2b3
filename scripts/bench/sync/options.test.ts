import { describe, expect, test } from 'bun:test';
import { SEED_FILMS } from '@kino/cinema/data/seed';
import { parseSyncBenchArgs } from './options.ts';
import { filmSeconds, runDefinition } from './runs.ts';

describe('parseSyncBenchArgs', () => {
  test('defaults: 3 members, 120 s, every run but the long one, 80 ± 30 ms', () => {
    expect(parseSyncBenchArgs([])).toEqual({
      members: 3,
      durationSec: 120,
      seed: 1,
      runs: ['floor', 'loopback', 'proxy', 'lossy', 'mixed', 'hls', 'ad'],
      longSec: 600,
      latencyMs: 80,
      jitterMs: 30,
      outDir: 'scripts/bench/results',
    });
  });
  test('flags', () => {
    const o = parseSyncBenchArgs([
      '--members',
      '4',
      '--quick',
      '--only',
      'proxy,lossy',
      '--seed',
      '9',
    ]);
    expect(o.members).toBe(4);
    expect(o.durationSec).toBe(30);
    expect(o.runs).toEqual(['proxy', 'lossy']);
    expect(o.seed).toBe(9);
    expect(parseSyncBenchArgs(['--only', 'loopback', '--long']).runs).toEqual(['loopback', 'long']);
    expect(parseSyncBenchArgs(['--long', '120']).longSec).toBe(120);
  });
  test('clear errors for bad values', () => {
    expect(() => parseSyncBenchArgs(['--members', '9'])).toThrow(/--members must be .* 2\.\.4/);
    expect(() => parseSyncBenchArgs(['--duration'])).toThrow(/--duration/);
    expect(() => parseSyncBenchArgs(['--only', 'wan'])).toThrow(/--only takes runs of loopback/);
    expect(() => parseSyncBenchArgs(['--jitter', '100'])).toThrow(/must not exceed/);
    expect(() => parseSyncBenchArgs(['--fast'])).toThrow(/unknown argument "--fast"/);
  });
});

describe('runDefinition', () => {
  const o = { members: 3, durationSec: 120, latencyMs: 80, jitterMs: 30, longSec: 600 };
  test('every run plays the progressive stream, so results compare with the old ones', () => {
    for (const label of ['loopback', 'proxy', 'lossy', 'mixed', 'floor', 'long'] as const) {
      expect(runDefinition(label, o).film).toMatchObject({
        id: 'long-road',
        query: '?stream=progressive',
      });
      expect(runDefinition(label, o).adBreaks).toEqual([]);
    }
  });
  test('but the HLS run, which plays the film through hls.js with issue 17’s goals', () => {
    expect(runDefinition('hls', o).film).toMatchObject({ id: 'long-road', query: '' });
    expect(runDefinition('hls', o).goals).toEqual({
      driftP95Ms: 50,
      crossBrowserP95Ms: null,
      actionP95Ms: 250,
    });
  });
  test('the ad run: an HLS film with a pre-roll ad, the last member reloading into it twice', () => {
    const ad = runDefinition('ad', o);
    expect(ad.film).toMatchObject({ id: 'harbor-lights', query: '' });
    expect(ad.adBreaks).toEqual([
      { atSec: 40, member: 2 },
      { atSec: 80, member: 2 },
    ]);
    expect(ad.goals).toEqual(runDefinition('hls', o).goals);
    // The cinema's catalogue says the film streams as HLS after a pre-roll ad, and how long.
    expect(SEED_FILMS.find((f) => f.id === ad.film.id)).toMatchObject({
      stream: 'hls',
      preRollAd: true,
    });
    expect(filmSeconds(ad.film.id)).toBe(90);
    expect(() => filmSeconds('no-such-film')).toThrow(/no film "no-such-film"/);
  });
  test('links, browsers and goals', () => {
    expect(runDefinition('loopback', o).goals).toEqual({
      driftP95Ms: 1000 / 60,
      crossBrowserP95Ms: null,
      actionP95Ms: 100,
    });
    expect(runDefinition('lossy', o).link.kind).toBe('lossy');
    expect(runDefinition('mixed', o).browsers).toEqual(['chromium', 'chromium', 'firefox']);
    expect(runDefinition('mixed', o).goals.crossBrowserP95Ms).toBe(40);
    expect(runDefinition('long', o).durationSec).toBe(600);
  });
});
