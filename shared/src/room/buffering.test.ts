import { describe, expect, test } from 'bun:test';
import type { PlaybackState } from '../types.ts';
import {
  BUFFER_HOLD_POLICY,
  type BufferingDecision,
  type BufferingState,
  bufferingAfterCommand,
  decideBuffering,
  holdDeadline,
  NO_BUFFERING,
} from './buffering.ts';

const playing: PlaybackState = { playing: true, position: 100, at: 0, rate: 1, seq: 7 };
const { maxHoldMs, windowMs, maxHoldsPerWindow } = BUFFER_HOLD_POLICY;

function hold(at: number, stalls = [{ userId: 'boris', since: at }], state = NO_BUFFERING) {
  const playback = { ...playing, at };
  const decision = decideBuffering({ playback, policy: 'wait', stalls, state, now: at });
  if (decision.action !== 'wait-buffering') throw new Error(`no hold: ${decision.action}`);
  return decision;
}

const resumeOf = (d: BufferingDecision) => {
  if (d.action !== 'resume') throw new Error(`expected resume, got ${d.action}`);
  return d;
};

describe('wait policy', () => {
  test('a stall while playing pauses the room at its expected position', () => {
    const decision = decideBuffering({
      playback: playing,
      policy: 'wait',
      stalls: [{ userId: 'boris', since: 2_900 }],
      state: NO_BUFFERING,
      now: 3_000,
    });
    expect(decision).toEqual({
      action: 'wait-buffering',
      next: { playing: false, position: 103, at: 3_000, rate: 1, seq: 8 },
      state: {
        hold: { seq: 8, startedAt: 3_000, by: ['boris'] },
        accounts: { boris: { windowStart: 3_000, holds: 1, lastStall: 2_900 } },
      },
    });
  });

  test('resumes from the frozen position when the stalled member is ready', () => {
    const held = hold(3_000);
    const resumed = resumeOf(
      decideBuffering({
        playback: held.next,
        policy: 'wait',
        stalls: [],
        state: held.state,
        now: 5_000,
      }),
    );
    expect(resumed.next).toEqual({ playing: true, position: 100, at: 5_000, rate: 1, seq: 9 });
    expect(resumed.state.hold).toBeNull();
  });

  test('does not resume while the member who caused it still stalls, within the limit', () => {
    const held = hold(3_000);
    const stalls = [{ userId: 'boris', since: 3_000 }];
    const early = { playback: held.next, policy: 'wait' as const, stalls, state: held.state };
    expect(decideBuffering({ ...early, now: 3_000 + maxHoldMs - 1 })).toEqual({ action: 'none' });
    expect(holdDeadline(held.state, held.next)).toBe(3_000 + maxHoldMs);
  });

  test('after the longest hold the room plays on, and the same stall cannot hold it again', () => {
    const held = hold(3_000);
    const stalls = [{ userId: 'boris', since: 3_000 }];
    const resumed = resumeOf(
      decideBuffering({
        playback: held.next,
        policy: 'wait',
        stalls,
        state: held.state,
        now: 3_000 + maxHoldMs,
      }),
    );
    expect(
      decideBuffering({
        playback: resumed.next,
        policy: 'wait',
        stalls,
        state: resumed.state,
        now: 3_000 + maxHoldMs + 1,
      }),
    ).toEqual({ action: 'none' });
  });

  test('one member holds the room at most maxHoldsPerWindow times per window', () => {
    let state: BufferingState = NO_BUFFERING;
    let now = 10_000;
    for (let i = 0; i < maxHoldsPerWindow; i++) {
      const held = hold(now, [{ userId: 'boris', since: now }], state);
      state = resumeOf(
        decideBuffering({
          playback: held.next,
          policy: 'wait',
          stalls: [],
          state: held.state,
          now: now + 1_000,
        }),
      ).state;
      now += 20_000;
    }
    const playback = { ...playing, at: now };
    const stalls = [{ userId: 'boris', since: now }];
    expect(decideBuffering({ playback, policy: 'wait', stalls, state, now })).toEqual({
      action: 'none',
    });
    // Another member still may; and boris again once the window has passed.
    expect(
      decideBuffering({
        playback,
        policy: 'wait',
        stalls: [{ userId: 'vera', since: now }],
        state,
        now,
      }).action,
    ).toBe('wait-buffering');
    const later = 10_000 + windowMs;
    expect(
      decideBuffering({
        playback: { ...playing, at: later },
        policy: 'wait',
        stalls: [{ userId: 'boris', since: later }],
        state,
        now: later,
      }).action,
    ).toBe('wait-buffering');
  });

  test('a user command ends the hold: no resume on our own afterwards', () => {
    const held = hold(3_000);
    const userPause = { ...held.next, seq: held.next.seq + 1 };
    expect(
      decideBuffering({
        playback: userPause,
        policy: 'wait',
        stalls: [],
        state: held.state,
        now: 6_000,
      }),
    ).toEqual({ action: 'none' });
  });

  test('a seek during a hold moves it: the room still resumes, from the new position', () => {
    const held = hold(3_000);
    const sought = { ...held.next, position: 40, at: 4_000, seq: held.next.seq + 1 };
    const moved = bufferingAfterCommand(held.state, held.next, 'seek', sought);
    expect(moved?.hold).toEqual({ ...held.state.hold!, seq: sought.seq });
    expect(holdDeadline(moved!, sought)).toBe(3_000 + maxHoldMs);
    const resumed = resumeOf(
      decideBuffering({ playback: sought, policy: 'wait', stalls: [], state: moved!, now: 5_000 }),
    );
    expect(resumed.next).toMatchObject({ playing: true, position: 40, seq: sought.seq + 1 });
    // Play or pause end it; so does any command once the hold is over.
    for (const action of ['play', 'pause'] as const) {
      const next = { ...sought, playing: action === 'play' };
      expect(bufferingAfterCommand(held.state, held.next, action, next)?.hold).toBeNull();
    }
    const later = { ...playing, seq: held.next.seq + 1 };
    expect(bufferingAfterCommand(held.state, later, 'seek', later)?.hold).toBeNull();
    expect(bufferingAfterCommand(NO_BUFFERING, playing, 'seek', playing)).toBeUndefined();
  });

  test('a paused room is never held', () => {
    const paused = { ...playing, playing: false };
    expect(
      decideBuffering({
        playback: paused,
        policy: 'wait',
        stalls: [{ userId: 'boris', since: 1 }],
        state: NO_BUFFERING,
        now: 9_000,
      }),
    ).toEqual({ action: 'none' });
  });

  test('accounts of past windows are dropped', () => {
    const old = hold(0);
    const later = windowMs + 5;
    const next = hold(later, [{ userId: 'vera', since: later }], old.state);
    expect(Object.keys(next.state.accounts)).toEqual(['vera']);
  });
});

describe('continue policy', () => {
  test('never holds', () => {
    expect(
      decideBuffering({
        playback: playing,
        policy: 'continue',
        stalls: [{ userId: 'boris', since: 0 }],
        state: NO_BUFFERING,
        now: 1_000,
      }),
    ).toEqual({ action: 'none' });
  });

  test('switching to continue during a hold resumes', () => {
    const held = hold(3_000);
    const stalls = [{ userId: 'boris', since: 3_000 }];
    const decision = decideBuffering({
      playback: held.next,
      policy: 'continue',
      stalls,
      state: held.state,
      now: 4_000,
    });
    expect(decision.action).toBe('resume');
  });
});
