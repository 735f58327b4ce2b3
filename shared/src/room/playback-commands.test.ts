import { describe, expect, test } from 'bun:test';
import type { PlaybackState, RoomSettings } from '../types.ts';
import {
  applyCommand,
  commandAnchor,
  expectedPosition,
  initialPlayback,
  MAX_COMMAND_BACKDATE_MS,
  PAUSE_TRUST_WINDOW_S,
  pausePosition,
} from './playback-commands.ts';

const everyone: RoomSettings = { controlMode: 'everyone', bufferPolicy: 'wait' };
const ownerOnly: RoomSettings = { controlMode: 'owner', bufferPolicy: 'wait' };
const playingAt10: PlaybackState = { playing: true, position: 10, at: 1_000, rate: 1, seq: 3 };
const ctx = (now: number, settings = everyone, isOwner = false) => ({ now, settings, isOwner });

describe('expectedPosition', () => {
  test('advances with time while playing, at the rate', () => {
    expect(expectedPosition(playingAt10, 3_500)).toBe(12.5);
    expect(expectedPosition({ ...playingAt10, rate: 2 }, 2_000)).toBe(12);
  });
  test('stays put while paused', () => {
    expect(expectedPosition({ ...playingAt10, playing: false }, 60_000)).toBe(10);
  });
  test('never goes below zero', () => {
    expect(expectedPosition({ ...playingAt10, position: 0 }, 0)).toBe(0);
  });
});

describe('applyCommand', () => {
  test('play from the initial state starts at 0 and bumps seq', () => {
    const result = applyCommand(initialPlayback(0), { action: 'play', baseSeq: 0 }, ctx(500));
    expect(result).toEqual({
      ok: true,
      next: { playing: true, position: 0, at: 500, rate: 1, seq: 1 },
    });
  });

  test('play with a position starts there', () => {
    const result = applyCommand(
      { ...playingAt10, playing: false },
      { action: 'play', baseSeq: 3, position: 42 },
      ctx(2_000),
    );
    expect(result).toEqual({
      ok: true,
      next: { playing: true, position: 42, at: 2_000, rate: 1, seq: 4 },
    });
  });

  test('pause freezes at the reported position when plausible', () => {
    const result = applyCommand(
      playingAt10,
      { action: 'pause', baseSeq: 3, position: 11.8 },
      ctx(3_000),
    );
    expect(result).toEqual({
      ok: true,
      next: { playing: false, position: 11.8, at: 3_000, rate: 1, seq: 4 },
    });
  });

  test('pause ignores an implausible or absent position and uses the room clock', () => {
    const far = applyCommand(
      playingAt10,
      { action: 'pause', baseSeq: 3, position: 500 },
      ctx(3_000),
    );
    const none = applyCommand(playingAt10, { action: 'pause', baseSeq: 3 }, ctx(3_000));
    expect(far.ok && far.next.position).toBe(12);
    expect(none.ok && none.next.position).toBe(12);
  });

  test('seek keeps playing state and requires a valid position', () => {
    const ok = applyCommand(playingAt10, { action: 'seek', baseSeq: 3, position: 90 }, ctx(4_000));
    expect(ok).toEqual({
      ok: true,
      next: { playing: true, position: 90, at: 4_000, rate: 1, seq: 4 },
    });
    for (const position of [undefined, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(
        applyCommand(playingAt10, { action: 'seek', baseSeq: 3, position }, ctx(4_000)),
      ).toEqual({ ok: false, code: 'bad_position' });
    }
  });

  test('a command based on an older or newer seq is stale and carries the current state', () => {
    for (const baseSeq of [2, 4]) {
      expect(applyCommand(playingAt10, { action: 'pause', baseSeq }, ctx(2_000))).toEqual({
        ok: false,
        code: 'stale',
        current: playingAt10,
      });
    }
  });

  test('of two commands on the same seq only the first applies', () => {
    const first = applyCommand(playingAt10, { action: 'pause', baseSeq: 3 }, ctx(2_000));
    if (!first.ok) throw new Error('first command should apply');
    const second = applyCommand(
      first.next,
      { action: 'seek', baseSeq: 3, position: 5 },
      ctx(2_001),
    );
    expect(second.ok).toBe(false);
  });

  test('owner-only mode refuses members and accepts the owner', () => {
    const member = applyCommand(
      playingAt10,
      { action: 'pause', baseSeq: 3 },
      ctx(2_000, ownerOnly),
    );
    const owner = applyCommand(
      playingAt10,
      { action: 'pause', baseSeq: 3 },
      ctx(2_000, ownerOnly, true),
    );
    expect(member).toEqual({ ok: false, code: 'not_allowed' });
    expect(owner.ok).toBe(true);
  });

  test('permission is checked before staleness, so a non-controller learns nothing', () => {
    expect(applyCommand(playingAt10, { action: 'play', baseSeq: 0 }, ctx(0, ownerOnly))).toEqual({
      ok: false,
      code: 'not_allowed',
    });
  });
});

describe('pausePosition', () => {
  test('trusts a report exactly at the edge of the window', () => {
    expect(pausePosition(playingAt10, 1_000, 10 + PAUSE_TRUST_WINDOW_S)).toBe(12);
    expect(pausePosition(playingAt10, 1_000, 10 + PAUSE_TRUST_WINDOW_S + 0.01)).toBe(10);
  });
});

describe('a command anchored at the client’s `at`', () => {
  const paused: PlaybackState = { playing: false, position: 10, at: 1_000, rate: 1, seq: 3 };

  test('a play anchors the new state where the user acted, not where it arrived', () => {
    const result = applyCommand(
      paused,
      { action: 'play', baseSeq: 3, position: 10, at: 9_880 },
      ctx(10_000),
    );
    expect(result).toEqual({
      ok: true,
      next: { playing: true, position: 10, at: 9_880, rate: 1, seq: 4 },
    });
  });

  test('an `at` older than a second is clamped to now − 1 s', () => {
    expect(commandAnchor(paused, 10_000, 2_000)).toBe(10_000 - MAX_COMMAND_BACKDATE_MS);
  });

  test('an `at` in the future (client clock ahead) is clamped to now', () => {
    expect(commandAnchor(paused, 10_000, 10_250)).toBe(10_000);
  });

  test('never before the current state’s own anchor', () => {
    const recent = { ...paused, at: 9_950 };
    expect(commandAnchor(recent, 10_000, 9_800)).toBe(9_950);
    const result = applyCommand(
      recent,
      { action: 'seek', baseSeq: 3, position: 50, at: 9_800 },
      ctx(10_000),
    );
    expect(result).toMatchObject({ ok: true, next: { at: 9_950, position: 50 } });
  });

  test('without `at` (an older client) the server time is used', () => {
    expect(commandAnchor(paused, 10_000)).toBe(10_000);
    expect(commandAnchor(paused, 10_000, Number.NaN)).toBe(10_000);
  });

  test('a pause without a position freezes where the room was at `at`', () => {
    const result = applyCommand(
      playingAt10,
      { action: 'pause', baseSeq: 3, at: 4_000 },
      ctx(4_300),
    );
    expect(result).toMatchObject({ ok: true, next: { playing: false, position: 13, at: 4_000 } });
  });

  test('a play without a position while playing resumes at the room’s moment at `at`', () => {
    const result = applyCommand(playingAt10, { action: 'play', baseSeq: 3, at: 2_500 }, ctx(3_000));
    expect(result).toMatchObject({ ok: true, next: { playing: true, position: 11.5, at: 2_500 } });
  });
});
