import { describe, expect, test } from 'bun:test';
import { reactionTimes } from './reaction.ts';
import type { MemberTrace, VideoEvent } from './types.ts';

const trace = (member: number, events: VideoEvent[]): MemberTrace => ({
  member,
  name: `m${member}`,
  samples: [],
  events,
});

describe('reactionTimes', () => {
  test('time until the slowest other member shows a pause', () => {
    const traces = [
      trace(0, [{ t: 1000, type: 'pause', pos: 5 }]),
      trace(1, [
        { t: 900, type: 'pause', pos: 5 }, // before the action: not it
        { t: 1040, type: 'pause', pos: 5 },
      ]),
      trace(2, [
        { t: 1010, type: 'play', pos: 5 }, // wrong kind
        { t: 1090, type: 'pause', pos: 5 },
      ]),
    ];
    const [result] = reactionTimes(traces, [{ member: 0, t: 1000, type: 'pause', pos: 5 }]);
    expect(result?.perMember).toEqual([
      { member: 1, ms: 40 },
      { member: 2, ms: 90 },
    ]);
    expect(result?.everyoneMs).toBe(90);
  });

  test('a seek counts only when the remote seek lands near the target', () => {
    const traces = [
      trace(0, []),
      trace(1, [
        { t: 1020, type: 'seeking', pos: 12 }, // a drift correction elsewhere
        { t: 1060, type: 'seeking', pos: 300.1 },
      ]),
    ];
    const [result] = reactionTimes(traces, [{ member: 0, t: 1000, type: 'seek', pos: 300 }]);
    expect(result?.everyoneMs).toBe(60);
  });

  test('a member that never shows it within the timeout makes the action unshown', () => {
    const traces = [trace(0, []), trace(1, [{ t: 9000, type: 'play', pos: 1 }])];
    const [result] = reactionTimes(traces, [{ member: 0, t: 1000, type: 'play', pos: 1 }], {
      seekToleranceSec: 1,
      timeoutMs: 5000,
    });
    expect(result?.perMember).toEqual([{ member: 1, ms: null }]);
    expect(result?.everyoneMs).toBeNull();
  });
});
