import { describe, expect, test } from 'bun:test';
import type { PlaybackState } from '../types.ts';
import { decideBuffering } from './buffering.ts';

const playing: PlaybackState = { playing: true, position: 100, at: 0, rate: 1, seq: 7 };
const paused: PlaybackState = { playing: false, position: 103, at: 3_000, rate: 1, seq: 8 };

describe('decideBuffering, wait policy', () => {
  test('a stall while playing pauses the room at its expected position', () => {
    expect(
      decideBuffering({
        playback: playing,
        policy: 'wait',
        anyoneBuffering: true,
        autoPausedSeq: null,
        now: 3_000,
      }),
    ).toEqual({ action: 'wait-buffering', next: paused });
  });

  test('resumes from the frozen position when nobody buffers any more', () => {
    expect(
      decideBuffering({
        playback: paused,
        policy: 'wait',
        anyoneBuffering: false,
        autoPausedSeq: 8,
        now: 9_000,
      }),
    ).toEqual({
      action: 'resume',
      next: { playing: true, position: 103, at: 9_000, rate: 1, seq: 9 },
    });
  });

  test('does not resume while someone still buffers', () => {
    expect(
      decideBuffering({
        playback: paused,
        policy: 'wait',
        anyoneBuffering: true,
        autoPausedSeq: 8,
        now: 9_000,
      }),
    ).toEqual({ action: 'none' });
  });

  test('does not resume a pause a user made after the auto-pause', () => {
    expect(
      decideBuffering({
        playback: { ...paused, seq: 9 },
        policy: 'wait',
        anyoneBuffering: false,
        autoPausedSeq: 8,
        now: 9_000,
      }),
    ).toEqual({ action: 'none' });
  });

  test('does nothing for a user pause without an auto-pause', () => {
    expect(
      decideBuffering({
        playback: paused,
        policy: 'wait',
        anyoneBuffering: false,
        autoPausedSeq: null,
        now: 9_000,
      }),
    ).toEqual({ action: 'none' });
  });
});

describe('decideBuffering, continue policy', () => {
  test('never touches playback', () => {
    for (const anyoneBuffering of [true, false]) {
      expect(
        decideBuffering({
          playback: playing,
          policy: 'continue',
          anyoneBuffering,
          autoPausedSeq: 7,
          now: 1_000,
        }),
      ).toEqual({ action: 'none' });
    }
  });
});
