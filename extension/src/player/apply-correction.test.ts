/**
 * applyCorrection: each decision changes the <video> the way it says, and the events that
 * change fires are announced to the echo guard first — so they are swallowed as our own,
 * while what the user does right after is not.
 */
import { describe, expect, test } from 'bun:test';
import { type Correction, EchoGuard, type GuardedEvent } from '@kino/shared/sync';
import { applyCorrection } from './apply-correction';
import type { VideoLike } from './player-hook';

/** Records what was done to it, in order, and what the guard said of each event it fired. */
class RecordingVideo {
  currentTimeValue = 10;
  paused = true;
  playbackRate = 1;
  preservesPitch: boolean | undefined = undefined;
  readyState = 4;
  seeking = false;
  duration = 600;
  playRejects = false;
  readonly log: string[] = [];
  /** For each fired event: true when the guard took it for our own echo. */
  readonly echoes: Array<[GuardedEvent, boolean]> = [];

  constructor(
    readonly guard: EchoGuard,
    readonly now: () => number,
  ) {}

  get currentTime() {
    return this.currentTimeValue;
  }
  set currentTime(t: number) {
    this.log.push(`currentTime=${t}`);
    this.currentTimeValue = t;
    this.fire('seeking');
    this.fire('seeked');
  }
  play = (): Promise<void> => {
    this.log.push('play()');
    if (this.playRejects) return Promise.reject(new DOMException('blocked', 'NotAllowedError'));
    this.paused = false;
    this.fire('play');
    return Promise.resolve();
  };
  pause = (): void => {
    this.log.push('pause()');
    this.paused = true;
    this.fire('pause');
  };
  setRate(rate: number) {
    this.log.push(`playbackRate=${rate}`);
    this.playbackRate = rate;
    this.fire('ratechange');
  }
  addEventListener() {}
  fire(event: GuardedEvent) {
    this.echoes.push([event, this.guard.consume(event, this, this.now())]);
  }
}

function setup() {
  let t = 1000;
  const guard = new EchoGuard();
  const video = new RecordingVideo(guard, () => t);
  // Assigning playbackRate goes through setRate so the ratechange fires like a browser's.
  const asVideo = new Proxy(video, {
    set(target, key, value) {
      if (key === 'playbackRate') target.setRate(value);
      else Reflect.set(target, key, value);
      return true;
    },
  }) as unknown as VideoLike;
  const apply = (correction: Correction) => applyCorrection(asVideo, guard, correction, t);
  return { guard, video, apply, later: (ms: number) => (t += ms), now: () => t };
}

describe('applyCorrection', () => {
  test('none touches nothing and expects nothing', () => {
    const { guard, video, apply, now } = setup();
    apply({ kind: 'none' });
    expect(video.log).toEqual([]);
    expect(guard.pendingCount(now())).toBe(0);
  });

  test('a nudge sets the rate, keeps the pitch, and its ratechange is our own', () => {
    const { video, apply } = setup();
    video.preservesPitch = false; // the page turned it off
    apply({ kind: 'rate', rate: 1.03 });
    expect(video.log).toEqual(['playbackRate=1.03']);
    expect(video.preservesPitch).toBe(true);
    expect(video.echoes).toEqual([['ratechange', true]]);
  });

  test('a nudge leaves preservesPitch alone where the page never set it', () => {
    const { video, apply } = setup();
    apply({ kind: 'rate', rate: 0.98 });
    expect(video.preservesPitch).toBeUndefined();
  });

  test('a seek lands where it says and both its events are swallowed', () => {
    const { video, apply } = setup();
    apply({ kind: 'seek', to: 42.5 });
    expect(video.currentTime).toBe(42.5);
    expect(video.echoes).toEqual([
      ['seeking', true],
      ['seeked', true],
    ]);
  });

  test('play from a position seeks before play(), and all its events are ours', () => {
    const { video, apply } = setup();
    apply({ kind: 'play', from: 30 });
    expect(video.log).toEqual(['currentTime=30', 'play()']);
    expect(video.paused).toBe(false);
    expect(video.echoes.every(([, ours]) => ours)).toBe(true);
    expect(video.echoes.map(([event]) => event)).toEqual(['seeking', 'seeked', 'play']);
  });

  test('a blocked autoplay neither throws nor leaves an unhandled rejection', async () => {
    const { video, apply } = setup();
    video.playRejects = true;
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      expect(() => apply({ kind: 'play' })).not.toThrow();
      await Bun.sleep(0);
      expect(unhandled).toEqual([]);
      expect(video.paused).toBe(true);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });

  test('a pause is ours; the user pausing after the expectation has run out is not', () => {
    const { video, apply, later } = setup();
    video.paused = false;
    apply({ kind: 'pause' });
    expect(video.echoes).toEqual([['pause', true]]);
    // The user plays and pauses again well after our change: both are theirs.
    later(5_000);
    video.play();
    video.pause();
    expect(video.echoes.slice(1)).toEqual([
      ['play', false],
      ['pause', false],
    ]);
  });

  test("the user's seek elsewhere right after ours is not taken for our echo", () => {
    const { video, apply, later } = setup();
    apply({ kind: 'seek', to: 20 });
    later(100);
    video.currentTime = 300;
    expect(video.echoes.slice(2)).toEqual([
      ['seeking', false],
      ['seeked', false],
    ]);
  });
});
