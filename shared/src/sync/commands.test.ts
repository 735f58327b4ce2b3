import { describe, expect, test } from 'bun:test';
import type { PlaybackState } from '../types.ts';
import {
  type CommandContext,
  type CommandState,
  DEFAULT_COMMAND_CONFIG,
  flushSeek,
  initialCommandState,
  onLocalVideoEvent,
  onRoomPlayback,
  seekFlushDueAt,
} from './commands.ts';

const playing: PlaybackState = { playing: true, position: 10, at: 0, rate: 1, seq: 5 };
const member: CommandContext = { playback: playing, canControl: true };
const QUIET = DEFAULT_COMMAND_CONFIG.seekQuietMs;

describe('play and pause', () => {
  test('pause while the room plays: a pause command based on the current seq', () => {
    const step = onLocalVideoEvent(
      initialCommandState,
      { kind: 'pause', position: 42.5 },
      member,
      0,
    );
    expect(step.action).toEqual({
      kind: 'send',
      command: { type: 'pause', baseSeq: 5, position: 42.5 },
    });
  });

  test('play while the room already plays: nothing to say (the player resumed by itself)', () => {
    const step = onLocalVideoEvent(
      initialCommandState,
      { kind: 'play', position: 42.5 },
      member,
      0,
    );
    expect(step.action).toEqual({ kind: 'none' });
  });

  test('without control: revert instead of sending', () => {
    const viewer = { ...member, canControl: false };
    expect(
      onLocalVideoEvent(initialCommandState, { kind: 'pause', position: 1 }, viewer, 0).action,
    ).toEqual({
      kind: 'revert',
    });
  });

  test('a quick pause then play by one user is based on our own pending change', () => {
    const paused = onLocalVideoEvent(
      initialCommandState,
      { kind: 'pause', position: 42 },
      member,
      0,
    );
    const resumed = onLocalVideoEvent(paused.state, { kind: 'play', position: 42 }, member, 50);
    expect(resumed.action).toEqual({
      kind: 'send',
      command: { type: 'play', baseSeq: 6, position: 42 },
    });
  });

  test('once the broadcast arrives, commands are based on it again', () => {
    const paused = onLocalVideoEvent(
      initialCommandState,
      { kind: 'pause', position: 42 },
      member,
      0,
    );
    const room: PlaybackState = { playing: false, position: 42, at: 10, rate: 1, seq: 6 };
    const state = onRoomPlayback(paused.state, room);
    expect(state.inFlight).toBeNull();
    const step = onLocalVideoEvent(
      state,
      { kind: 'play', position: 42 },
      { ...member, playback: room },
      100,
    );
    expect(step.action).toEqual({
      kind: 'send',
      command: { type: 'play', baseSeq: 6, position: 42 },
    });
  });

  test('a playback update that does not answer our command leaves it in flight', () => {
    const paused = onLocalVideoEvent(
      initialCommandState,
      { kind: 'pause', position: 42 },
      member,
      0,
    );
    expect(onRoomPlayback(paused.state, playing)).toBe(paused.state);
  });
});

describe('seek debouncing', () => {
  /** A scrub: seeking/seeked pairs every 40 ms from 10 s to 50 s. */
  function scrub(state: CommandState): CommandState {
    let current = state;
    for (let i = 0; i <= 10; i++) {
      for (const kind of ['seeking', 'seeked'] as const) {
        const step = onLocalVideoEvent(current, { kind, position: 10 + i * 4 }, member, i * 40);
        expect(step.action).toEqual({ kind: 'none' });
        current = step.state;
      }
    }
    return current;
  }

  test('a scrub sends one seek, to its last position, once quiet', () => {
    const state = scrub(initialCommandState);
    const due = seekFlushDueAt(state);
    expect(due).toBe(400 + QUIET);
    expect(flushSeek(state, member, (due ?? 0) - 1).action).toEqual({ kind: 'none' });
    const flushed = flushSeek(state, member, due ?? 0);
    expect(flushed.action).toEqual({
      kind: 'send',
      command: { type: 'seek', baseSeq: 5, position: 50 },
    });
    expect(seekFlushDueAt(flushed.state)).toBeNull();
    expect(flushSeek(flushed.state, member, 10_000).action).toEqual({ kind: 'none' });
  });

  test('pause right after a scrub: one pause at the new position settles both', () => {
    const state = scrub(initialCommandState);
    const step = onLocalVideoEvent(state, { kind: 'pause', position: 50 }, member, 420);
    expect(step.action).toEqual({
      kind: 'send',
      command: { type: 'pause', baseSeq: 5, position: 50 },
    });
    expect(seekFlushDueAt(step.state)).toBeNull();
  });

  test('a redundant play right after a scrub still sends the seek', () => {
    const state = scrub(initialCommandState);
    const step = onLocalVideoEvent(state, { kind: 'play', position: 50 }, member, 420);
    expect(step.action).toEqual({
      kind: 'send',
      command: { type: 'seek', baseSeq: 5, position: 50 },
    });
  });

  test('without control, the scrub is reverted once it ends, not fought during it', () => {
    const viewer = { ...member, canControl: false };
    const state = scrub(initialCommandState);
    expect(flushSeek(state, viewer, 400 + QUIET).action).toEqual({ kind: 'revert' });
  });
});
