import { afterEach, beforeEach, describe, expect, test } from 'bun:test';
import type { PlaybackCommand } from '@kino/shared/protocol';
import { DEFAULT_CORRECTION_CONFIG } from '@kino/shared/sync';
import type { PlaybackState } from '@kino/shared/types';
import { attachPlayer, type PlayerHandle, type PlayerRoom, type VideoLike } from './player-hook';

/** A <video> stand-in: events fire synchronously, like a test wants them. */
class FakeVideo extends EventTarget {
  #time = 0;
  paused = true;
  playbackRate = 1;
  readyState = 4;
  seeking = false;
  duration = 600;
  get currentTime() {
    return this.#time;
  }
  /** Like a browser: setting the time (us, the user or the page) fires seeking/seeked. */
  set currentTime(t: number) {
    this.#time = t;
    this.dispatchEvent(new Event('seeking'));
    this.dispatchEvent(new Event('seeked'));
  }
  /** Test setup: the film simply advanced there, no seek. */
  advanceTo(t: number) {
    this.#time = t;
  }
  play = async () => {
    if (!this.paused) return;
    this.paused = false;
    this.dispatchEvent(new Event('play'));
  };
  pause = () => {
    if (this.paused) return;
    this.paused = true;
    this.dispatchEvent(new Event('pause'));
  };
  seekTo(t: number) {
    this.currentTime = t;
  }
}

class FakeRoom implements PlayerRoom {
  state: PlaybackState | null = { playing: false, position: 0, at: 0, rate: 1, seq: 1 };
  serverTime = 0;
  control = true;
  sent: [string, number][] = [];
  buffering: boolean[] = [];
  listener: (() => void) | null = null;
  playback = () => this.state;
  canControl = () => this.control;
  serverNow = () => this.serverTime;
  ready = true;
  clockReady = () => this.ready;
  sendCommand = (command: PlaybackCommand) => {
    this.sent.push([command.type, command.position]);
    this.commands.push(command);
  };
  commands: PlaybackCommand[] = [];
  setBuffering = (stalled: boolean) => {
    this.buffering.push(stalled);
  };
  onPlayback = (listener: () => void) => {
    this.listener = listener;
    return () => {
      this.listener = null;
    };
  };
  /** The server accepted a change: new state, pushed to the hook. */
  push(state: PlaybackState) {
    this.state = state;
    this.listener?.();
  }
}

let video: FakeVideo;
let room: FakeRoom;
let hook: PlayerHandle;
let clock: number;
const controllers: AbortController[] = [];
const controller = () => {
  const c = new AbortController();
  controllers.push(c);
  return c;
};
afterEach(() => {
  for (const c of controllers.splice(0)) c.abort();
});

beforeEach(() => {
  video = new FakeVideo();
  room = new FakeRoom();
  clock = 0;
  hook = attachPlayer(
    video as unknown as VideoLike,
    room,
    { tickMs: 60_000, now: () => clock },
    controller().signal,
  );
});

describe('player hook', () => {
  test('a remote play is applied at once (seek and play in one step), never echoed', () => {
    room.serverTime = 10_000;
    room.push({ playing: true, position: 5, at: 10_000, rate: 1, seq: 2 });
    // Seeked there, a little ahead to make up for the seek's own latency, and started.
    expect(video.currentTime).toBeGreaterThanOrEqual(5);
    expect(video.currentTime).toBeLessThan(5.5);
    expect(video.paused).toBe(false);
    expect(room.sent).toEqual([]);
  });

  test('a remote play that started before it arrived: the video starts where the room is', () => {
    video.advanceTo(5);
    room.serverTime = 10_150; // the play was anchored 150 ms before it got here
    room.push({ playing: true, position: 5, at: 10_000, rate: 1, seq: 2 });
    expect(video.paused).toBe(false);
    expect(video.currentTime).toBeGreaterThan(5.15);
    expect(room.sent).toEqual([]);
  });

  test('commands carry the server time of the action as `at`', () => {
    room.state = { playing: true, position: 5, at: 0, rate: 1, seq: 2 };
    room.serverTime = 1_764_000_000_000;
    video.paused = false;
    video.advanceTo(7);
    video.pause();
    expect(room.commands).toEqual([
      { type: 'pause', baseSeq: 2, position: 7, at: 1_764_000_000_000 },
    ]);
  });

  test('until the clock offset is measured, commands carry no `at`', () => {
    room.ready = false;
    room.state = { playing: true, position: 5, at: 0, rate: 1, seq: 2 };
    video.paused = false;
    video.advanceTo(7);
    video.pause();
    expect(room.commands).toEqual([{ type: 'pause', baseSeq: 2, position: 7 }]);
  });

  test('a seek by the user while the room plays is sent at once, anchored by the seek latency', () => {
    room.state = { playing: true, position: 5, at: 0, rate: 1, seq: 2 };
    room.serverTime = 50_000;
    video.paused = false;
    clock = 5000;
    video.seekTo(300);
    expect(room.commands).toHaveLength(1);
    const [command] = room.commands;
    expect(command).toMatchObject({ type: 'seek', baseSeq: 2, at: 50_000 });
    // Initial estimate 0.1 s: the room is told the video is at the target 0.1 s later.
    expect(command?.position).toBeCloseTo(299.9, 9);
  });

  test('a local pause by the user becomes a pause command at the video position', () => {
    room.state = { playing: true, position: 5, at: 0, rate: 1, seq: 2 };
    video.paused = false;
    video.advanceTo(7);
    clock = 5000;
    video.pause();
    expect(room.sent).toEqual([['pause', 7]]);
  });

  test('a seek made by other code on the page is noticed and becomes a seek command', () => {
    clock = 5000;
    video.seekTo(42);
    expect(room.sent).toEqual([['seek', 42]]); // the first seek goes out at once
    clock += 100;
    video.seekTo(43); // a scrub: coalesced until it is quiet
    expect(room.sent).toEqual([['seek', 42]]);
    clock += 400;
    hook.tick();
    expect(room.sent).toEqual([
      ['seek', 42],
      ['seek', 43],
    ]);
    expect(room.commands.map((command) => command.baseSeq)).toEqual([1, 2]);
  });

  test('the page nudging its stalled video over a gap sends nothing; a 5 s jump is a seek', () => {
    room.state = { playing: true, position: 12, at: 0, rate: 1, seq: 2 }; // server clock stands
    video.paused = false;
    video.advanceTo(12);
    // Stalled at 12 for 1.5 s (ticks every 100 ms); then hls.js steps over a hole in the buffer.
    for (let i = 0; i < 15; i++) {
      clock += 100;
      hook.tick();
    }
    video.seekTo(12.3);
    expect(room.commands).toEqual([]);
    clock += 1000;
    hook.tick();
    video.seekTo(video.currentTime + 5); // the player's own seek key, a second later
    expect(room.sent.map(([type]) => type)).toEqual(['seek']);
    expect(room.commands[0]?.position).toBeGreaterThan(16.5);
  });

  test('a seek by the page is sent even when a tick runs before its `seeking` event', () => {
    room.state = { playing: false, position: 4.46, at: 0, rate: 1, seq: 2 };
    video.advanceTo(4.46);
    clock = 5000;
    hook.tick();
    // Plyr's seek bar sets currentTime: the element shows the target and seeks at once; its
    // event is queued, and the hook's timer may come first.
    video.seeking = true;
    video.advanceTo(45.26);
    clock += 40;
    hook.tick();
    video.dispatchEvent(new Event('seeking'));
    expect(room.sent).toEqual([['seek', 45.26]]);
  });

  test('while the room answers a local command, the old state is not forced back', () => {
    clock = 5000;
    video.seekTo(42);
    clock += 400;
    expect(hook.tick()).toBeNull(); // sent, and held: room still says position 0 with seq 1
    expect(video.currentTime).toBe(42);
    room.push({ playing: false, position: 42, at: 0, rate: 1, seq: 2 });
    expect(video.currentTime).toBe(42);
    expect(room.sent).toEqual([['seek', 42]]);
  });

  test('small drift is fixed by a rate nudge, not a seek', () => {
    room.state = { playing: true, position: 100, at: 0, rate: 1, seq: 3 };
    video.paused = false;
    clock = 5000;
    video.advanceTo(99.9); // 0.1 s behind the room
    const correction = hook.tick();
    expect(correction?.kind).toBe('rate');
    expect(video.playbackRate).toBeGreaterThan(1);
    video.advanceTo(100.1); // ahead: slow down
    hook.tick();
    expect(video.playbackRate).toBeLessThan(1);
    expect(room.sent).toEqual([]);
  });

  test('right after a stall it lands with harder nudges, then stays within ±3 %, pitch kept', () => {
    room.state = { playing: true, position: 100, at: 0, rate: 1, seq: 3 };
    video.paused = false;
    (video as unknown as { preservesPitch: boolean }).preservesPitch = false; // the page's
    clock = 5000;
    video.advanceTo(99.9);
    video.dispatchEvent(new Event('playing')); // after a stall: landing starts
    hook.tick();
    const { landingSec, landingRateDelta, maxRateDelta } = DEFAULT_CORRECTION_CONFIG;
    expect(video.playbackRate).toBeCloseTo(1 + landingRateDelta, 9);
    expect((video as unknown as { preservesPitch: boolean }).preservesPitch).toBe(true);
    clock += landingSec * 1000; // landing is over, still 0.1 s behind
    hook.tick();
    expect(video.playbackRate).toBeCloseTo(1 + maxRateDelta, 9);
    expect(room.sent).toEqual([]);
  });

  test('a seek overtaken by a newer room state teaches the seek latency nothing', () => {
    room.state = { playing: true, position: 100, at: 0, rate: 1, seq: 3 };
    video.paused = false;
    video.advanceTo(90);
    hook.tick();
    expect(video.currentTime).toBeCloseTo(100.1, 9); // initial estimate: 0.1 s ahead
    // Someone jumped before our seek could be judged: its leftover error means nothing.
    room.push({ playing: true, position: 300, at: 0, rate: 1, seq: 4 });
    expect(video.currentTime).toBeCloseTo(300.1, 9);
  });

  test('the seek latency is learned from how our own seek landed, once it moves', () => {
    room.state = { playing: true, position: 5, at: 0, rate: 1, seq: 2 };
    video.paused = false;
    video.seekTo(300); // sent as 299.9 at server time 0
    room.serverTime = clock = 250;
    // The echo comes: the seek is done but the frame still holds at 300 (room: 300.15).
    room.push({ playing: true, position: 299.9, at: 0, rate: 1, seq: 3 });
    expect(video.playbackRate).toBeCloseTo(1 + DEFAULT_CORRECTION_CONFIG.landingRateDelta, 9);
    // 100 ms on it has moved (to 300.05 at +15 %, 15 ms of that the nudge); the room is at
    // 300.25: the seek cost 0.1 + 0.25 − 0.05 + 0.015 = 0.315 s.
    room.serverTime = clock = 350;
    video.advanceTo(300.05);
    hook.tick();
    room.push({ playing: true, position: 500, at: 350, rate: 1, seq: 4 });
    // 0.1 + 0.4 × (0.315 − 0.1): the estimate moved towards the 0.315 s measured.
    expect(video.currentTime).toBeCloseTo(500.186, 9);
  });

  test('a viewer without control does not send commands; the room puts the video back', () => {
    room.control = false;
    clock = 5000;
    video.seekTo(42);
    clock += 400;
    hook.tick();
    expect(room.sent).toEqual([]);
    expect(video.currentTime).toBe(0);
  });

  test('autoplay: the creator sends play once the room state is known', () => {
    const v = new FakeVideo();
    const r = new FakeRoom();
    r.state = null;
    const h = attachPlayer(
      v as unknown as VideoLike,
      r,
      { tickMs: 60_000, autoplay: true },
      controller().signal,
    );
    expect(h.tick()).toBeNull();
    r.push({ playing: false, position: 0, at: 0, rate: 1, seq: 1 });
    expect(r.sent).toEqual([['play', 0]]);
  });

  test('abort stops listening', () => {
    const v = new FakeVideo();
    const r = new FakeRoom();
    const c = controller();
    attachPlayer(v as unknown as VideoLike, r, { tickMs: 60_000 }, c.signal);
    c.abort();
    v.pause();
    v.paused = false;
    v.pause();
    expect(r.sent).toEqual([]);
    expect(r.listener).toBeNull();
  });
});
