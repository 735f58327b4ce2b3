import { describe, expect, test } from 'bun:test';
import { seededRandom } from './random.ts';
import { DEFAULT_GAP, freeMember, nextAction } from './scenario.ts';

const config = { members: 3, filmSec: 720, ...DEFAULT_GAP };

describe('nextAction', () => {
  test('a playing room gets seeks and pauses, never a play', () => {
    const random = seededRandom(5);
    const types = new Set(Array.from({ length: 200 }, () => nextAction(config, true, random).type));
    expect([...types].sort()).toEqual(['pause', 'seek']);
  });
  test('a paused room gets plays and seeks, never a pause', () => {
    const random = seededRandom(6);
    const types = new Set(
      Array.from({ length: 200 }, () => nextAction(config, false, random).type),
    );
    expect([...types].sort()).toEqual(['play', 'seek']);
  });
  test('members, seek targets and gaps stay in range, and every member acts', () => {
    const random = seededRandom(7);
    const members = new Set<number>();
    for (let i = 0; i < 300; i++) {
      const action = nextAction(config, i % 2 === 0, random);
      members.add(action.member);
      expect(action.nextInMs).toBeGreaterThanOrEqual(2500);
      expect(action.nextInMs).toBeLessThanOrEqual(6000);
      if (action.type === 'seek') {
        expect(action.seekTo).toBeGreaterThanOrEqual(30);
        expect(action.seekTo).toBeLessThanOrEqual(690);
      } else expect(action.seekTo).toBeNull();
    }
    expect([...members].sort()).toEqual([0, 1, 2]);
  });
});

describe('freeMember', () => {
  test('the planned member when free, else the next free one round the room', () => {
    expect(freeMember(1, new Set(), 3)).toBe(1);
    expect(freeMember(2, new Set([2]), 3)).toBe(0);
    expect(freeMember(1, new Set([1, 2]), 3)).toBe(0);
    expect(freeMember(0, new Set([0, 1, 2]), 3)).toBeNull();
  });
});
