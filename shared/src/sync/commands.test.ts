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

describe('seeks', () => {
  test('the first seek is sent at its `seeking`, at once; its own `seeked` adds nothing', () => {
    const seeking = onLocalVideoEvent(
      initialCommandState,
      { kind: 'seeking', position: 300 },
      member,
      1_000,
    );
    expect(seeking.action).toEqual({
      kind: 'send',
      command: { type: 'seek', baseSeq: 5, position: 300 },
    });
    expect(seekFlushDueAt(seeking.state)).toBeNull();
    const seeked = onLocalVideoEvent(
      seeking.state,
      { kind: 'seeked', position: 300.01 },
      member,
      1_080,
    );
    expect(seeked.action).toEqual({ kind: 'none' });
    expect(seekFlushDueAt(seeked.state)).toBeNull();
  });

  test('while the room plays, the target is anchored earlier by our seek latency', () => {
    const step = onLocalVideoEvent(
      initialCommandState,
      { kind: 'seeking', position: 300 },
      { ...member, seekLeadSec: 0.08, serverNow: 50_000 },
      1_000,
    );
    expect(step.action).toEqual({
      kind: 'send',
      command: { type: 'seek', baseSeq: 5, position: 299.92, at: 50_000 },
    });
  });

  test('while the room is paused, the seek goes exactly to the target', () => {
    const paused = { ...member, playback: { ...playing, playing: false }, seekLeadSec: 0.08 };
    const step = onLocalVideoEvent(
      initialCommandState,
      { kind: 'seeking', position: 300 },
      paused,
      1_000,
    );
    expect(step.action).toMatchObject({ command: { position: 300 } });
  });

  test('a seek to the very start is never sent below 0', () => {
    const step = onLocalVideoEvent(
      initialCommandState,
      { kind: 'seeking', position: 0.02 },
      { ...member, seekLeadSec: 0.1 },
      0,
    );
    expect(step.action).toMatchObject({ command: { position: 0 } });
  });

  test('a lone jump of under nudgeSec is the player nudging itself: nothing is sent', () => {
    const { nudgeSec } = DEFAULT_COMMAND_CONFIG;
    const nudged = onLocalVideoEvent(
      initialCommandState,
      { kind: 'seeking', position: 12.1, from: 12.1 - nudgeSec * 0.8 },
      member,
      0,
    );
    expect(nudged.action).toEqual({ kind: 'none' });
    const done = onLocalVideoEvent(nudged.state, { kind: 'seeked', position: 12.1 }, member, 60);
    expect(done.action).toEqual({ kind: 'none' });
    // Back or ahead by more (a seek key's 5 s, a click on the bar) is the user's.
    for (const from of [12.1 - nudgeSec * 1.2, 17.1, 2.1]) {
      const step = onLocalVideoEvent(
        initialCommandState,
        { kind: 'seeking', position: 12.1, from },
        member,
        0,
      );
      expect(step.action).toMatchObject({
        kind: 'send',
        command: { type: 'seek', position: 12.1 },
      });
    }
  });

  test('a scrub that starts with a small step still sends where it ends', () => {
    let state = onLocalVideoEvent(
      initialCommandState,
      { kind: 'seeking', position: 10.2, from: 10 },
      member,
      0,
    ).state;
    for (let i = 1; i <= 5; i++) {
      const step = onLocalVideoEvent(
        state,
        { kind: 'seeking', position: 10.2 + i * 8, from: 10.2 + (i - 1) * 8 },
        member,
        i * 40,
      );
      state = step.state;
      expect(step.action).toEqual({ kind: 'none' });
    }
    const flushed = flushSeek(state, member, 200 + QUIET);
    expect(flushed.action).toMatchObject({ kind: 'send', command: { position: 50.2 } });
  });

  test('two seeks far apart in time are two commands, each sent at once', () => {
    const first = onLocalVideoEvent(
      initialCommandState,
      { kind: 'seeking', position: 100 },
      member,
      0,
    );
    const second = onLocalVideoEvent(
      first.state,
      { kind: 'seeking', position: 200 },
      member,
      3_000,
    );
    expect(second.action).toEqual({
      kind: 'send',
      command: { type: 'seek', baseSeq: 6, position: 200 },
    });
  });
});

describe('scrubbing', () => {
  /** A scrub: seeking/seeked pairs every 40 ms from 10 s to 50 s; server clock = local + 1e6. */
  function scrub(state: CommandState, ctx: CommandContext = member) {
    let current = state;
    const actions = [];
    for (let i = 0; i <= 10; i++) {
      for (const kind of ['seeking', 'seeked'] as const) {
        const t = i * 40;
        const step = onLocalVideoEvent(
          current,
          { kind, position: 10 + i * 4 },
          { ...ctx, serverNow: t + 1e6 },
          t,
        );
        actions.push(step.action);
        current = step.state;
      }
    }
    return { state: current, actions };
  }

  test('a scrub sends its first position at once and its last one once quiet', () => {
    const { state, actions } = scrub(initialCommandState);
    expect(actions[0]).toEqual({
      kind: 'send',
      command: { type: 'seek', baseSeq: 5, position: 10, at: 1e6 },
    });
    expect(actions.slice(1).every((action) => action.kind === 'none')).toBe(true);
    const due = seekFlushDueAt(state);
    expect(due).toBe(400 + QUIET);
    expect(flushSeek(state, member, (due ?? 0) - 1).action).toEqual({ kind: 'none' });
    const flushed = flushSeek(state, member, due ?? 0);
    // Anchored when the user left the scrub there, not when it was flushed.
    expect(flushed.action).toEqual({
      kind: 'send',
      command: { type: 'seek', baseSeq: 6, position: 50, at: 400 + 1e6 },
    });
    expect(seekFlushDueAt(flushed.state)).toBeNull();
    expect(flushSeek(flushed.state, member, 10_000).action).toEqual({ kind: 'none' });
  });

  test('pause right after a scrub: one pause at the new position settles it', () => {
    const { state } = scrub(initialCommandState);
    const step = onLocalVideoEvent(state, { kind: 'pause', position: 50 }, member, 420);
    expect(step.action).toEqual({
      kind: 'send',
      command: { type: 'pause', baseSeq: 6, position: 50 },
    });
    expect(seekFlushDueAt(step.state)).toBeNull();
  });

  test('a redundant play right after a scrub still sends the seek', () => {
    const { state } = scrub(initialCommandState);
    const step = onLocalVideoEvent(state, { kind: 'play', position: 50 }, member, 420);
    expect(step.action).toEqual({
      kind: 'send',
      command: { type: 'seek', baseSeq: 6, position: 50 },
    });
  });

  test('without control, nothing is sent and the scrub is reverted once it ends', () => {
    const viewer = { ...member, canControl: false };
    const { state, actions } = scrub(initialCommandState, viewer);
    expect(actions.every((action) => action.kind === 'none')).toBe(true);
    expect(flushSeek(state, viewer, 400 + QUIET).action).toEqual({ kind: 'revert' });
  });
});

describe('command time', () => {
  test('play and pause carry the server time of the event as `at`', () => {
    const step = onLocalVideoEvent(
      initialCommandState,
      { kind: 'pause', position: 42.5 },
      { ...member, serverNow: 1_764_000_000_123 },
      0,
    );
    expect(step.action).toEqual({
      kind: 'send',
      command: { type: 'pause', baseSeq: 5, position: 42.5, at: 1_764_000_000_123 },
    });
  });

  test('without a clock estimate the command has no `at` (the server uses its own time)', () => {
    const step = onLocalVideoEvent(initialCommandState, { kind: 'pause', position: 1 }, member, 0);
    expect(step.action).toEqual({
      kind: 'send',
      command: { type: 'pause', baseSeq: 5, position: 1 },
    });
  });
});
