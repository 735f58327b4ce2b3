import { describe, expect, test } from 'bun:test';
import { SEED_FILMS } from '../data/seed.ts';
import { playbackFor, type StreamsReady } from './playback.ts';

const streams = (...ready: string[]): StreamsReady => ({
  has: (id) => ready.includes(id),
  masterPath: (id) => `/media/hls/${id}/master.m3u8`,
});
const film = (stream: 'hls' | 'progressive', preRollAd: boolean) => ({
  id: 'f',
  stream,
  preRollAd,
  introEndSec: 12,
});

describe('playbackFor', () => {
  test('a progressive film is its .webm in the browser’s own player, whatever is asked', () => {
    const native = { kind: 'native', src: '/media/f.webm' } as const;
    expect(playbackFor(film('progressive', false), streams('f', 'ad'), null)).toEqual(native);
    expect(playbackFor(film('progressive', true), streams('f', 'ad'), 'hls')).toEqual(native);
  });

  test('an HLS film plays its stream, after the ad when it has one', () => {
    expect(playbackFor(film('hls', true), streams('f', 'ad'), null)).toEqual({
      kind: 'cinema',
      stream: 'hls',
      src: '/media/hls/f/master.m3u8',
      adSrc: '/media/hls/ad/master.m3u8',
      introEnd: 12,
    });
    expect(playbackFor(film('hls', false), streams('f', 'ad'), null)).toMatchObject({
      stream: 'hls',
      adSrc: null,
    });
  });

  test('no ad when the ad stream is missing; the .webm when the film’s stream is', () => {
    expect(playbackFor(film('hls', true), streams('f'), null)).toMatchObject({
      stream: 'hls',
      adSrc: null,
    });
    expect(playbackFor(film('hls', true), streams('ad'), null)).toEqual({
      kind: 'cinema',
      stream: 'progressive',
      src: '/media/f.webm',
      adSrc: null,
      introEnd: 12,
    });
  });

  test('?stream=progressive is honoured; anything else is ignored', () => {
    expect(playbackFor(film('hls', true), streams('f', 'ad'), 'progressive')).toMatchObject({
      stream: 'progressive',
      adSrc: null,
    });
    expect(playbackFor(film('hls', true), streams('f', 'ad'), 'dash')).toMatchObject({
      stream: 'hls',
    });
  });

  test('the catalogue: one progressive film, and both HLS kinds (with and without an ad)', () => {
    const kinds = SEED_FILMS.map((f) => `${f.id}:${f.stream}${f.preRollAd ? '+ad' : ''}`);
    expect(kinds).toEqual([
      'night-train:progressive',
      'long-road:hls',
      'first-snow:hls+ad',
      'harbor-lights:hls+ad',
    ]);
  });
});
