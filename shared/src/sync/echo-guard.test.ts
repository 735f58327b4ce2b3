import { describe, expect, test } from 'bun:test';
import { DEFAULT_ECHO_GUARD_CONFIG, EchoGuard, type VideoSnapshot } from './echo-guard.ts';

const video = (change: Partial<VideoSnapshot> = {}): VideoSnapshot => ({
  currentTime: 100,
  playbackRate: 1,
  paused: false,
  ...change,
});
const TTL = DEFAULT_ECHO_GUARD_CONFIG.ttlMs;

describe('own echoes are swallowed', () => {
  test('play and pause, each once', () => {
    const guard = new EchoGuard();
    guard.expect('pause', {}, 1_000);
    expect(guard.consume('pause', video({ paused: true }), 1_020)).toBe(true);
    // The same event again is the user's: the expectation was used up.
    expect(guard.consume('pause', video({ paused: true }), 1_040)).toBe(false);
  });

  test('play() then pause() in quick succession: both events are ours', () => {
    const guard = new EchoGuard();
    guard.expect('play', {}, 1_000);
    guard.expect('pause', {}, 1_001);
    expect(guard.consume('play', video(), 1_010)).toBe(true);
    expect(guard.consume('pause', video({ paused: true }), 1_011)).toBe(true);
    expect(guard.pendingCount(1_012)).toBe(0);
  });

  test('a seek: both its seeking and its seeked, matched by target', () => {
    const guard = new EchoGuard();
    guard.expect('seek', { position: 250.2 }, 1_000);
    expect(guard.consume('seeking', video({ currentTime: 250.2 }), 1_005)).toBe(true);
    // The player may land on a nearby frame.
    expect(guard.consume('seeked', video({ currentTime: 250.24 }), 1_180)).toBe(true);
    expect(guard.consume('seeked', video({ currentTime: 250.24 }), 1_200)).toBe(false);
  });

  test('rate nudges, even two before their events arrive', () => {
    const guard = new EchoGuard();
    guard.expect('ratechange', { rate: 1.03 }, 1_000);
    guard.expect('ratechange', { rate: 1.01 }, 1_001);
    // Both events fire after both changes, so both show the final rate.
    expect(guard.consume('ratechange', video({ playbackRate: 1.01 }), 1_002)).toBe(true);
    expect(guard.consume('ratechange', video({ playbackRate: 1.01 }), 1_003)).toBe(true);
    expect(guard.consume('ratechange', video({ playbackRate: 1.01 }), 1_004)).toBe(false);
  });
});

describe('user actions pass', () => {
  test('with nothing expected, every event is the user’s', () => {
    const guard = new EchoGuard();
    for (const event of ['play', 'pause', 'seeking', 'seeked', 'ratechange'] as const) {
      expect(guard.consume(event, video(), 1_000)).toBe(false);
    }
  });

  test('an expectation expires: a pause after the window is the user’s', () => {
    const guard = new EchoGuard();
    guard.expect('pause', {}, 1_000);
    // play() was refused, say, so no pause echo came; later the user pauses.
    expect(guard.consume('pause', video({ paused: true }), 1_000 + TTL + 1)).toBe(false);
    expect(guard.pendingCount(1_000 + TTL + 1)).toBe(0);
  });

  test('just inside the window it is still ours', () => {
    const guard = new EchoGuard();
    guard.expect('play', {}, 1_000);
    expect(guard.consume('play', video(), 1_000 + TTL)).toBe(true);
  });

  test('an unrelated seek during an expected one passes', () => {
    const guard = new EchoGuard();
    guard.expect('seek', { position: 250 }, 1_000);
    expect(guard.consume('seeking', video({ currentTime: 30 }), 1_050)).toBe(false);
    expect(guard.consume('seeked', video({ currentTime: 30 }), 1_100)).toBe(false);
  });

  test('a different event than the expected one passes', () => {
    const guard = new EchoGuard();
    guard.expect('play', {}, 1_000);
    expect(guard.consume('pause', video({ paused: true }), 1_010)).toBe(false);
    expect(guard.consume('seeking', video({ currentTime: 100 }), 1_010)).toBe(false);
  });

  test('a rate the page set itself passes', () => {
    const guard = new EchoGuard();
    guard.expect('ratechange', { rate: 1.03 }, 1_000);
    expect(guard.consume('ratechange', video({ playbackRate: 2 }), 1_010)).toBe(false);
  });
});
