import { expect, test } from 'bun:test';
import { actionHops, hopFigures } from './hops.ts';
import type { ActionReaction } from './reaction.ts';
import type { MemberAction } from './types.ts';

const reaction = (action: MemberAction, everyoneMs: number | null): ActionReaction => ({
  action,
  perMember: [],
  everyoneMs,
});

test('each action is split at the broadcast it caused', () => {
  const reactions = [
    reaction({ member: 0, t: 1000, type: 'pause', pos: 5 }, 60),
    reaction({ member: 1, t: 4000, type: 'play', pos: 5 }, 90),
    reaction({ member: 2, t: 8000, type: 'seek', pos: 50 }, null), // someone never showed it
  ];
  const hops = actionHops(reactions, [
    { t: 1025, seq: 2, action: 'pause' },
    { t: 3000, seq: 3, action: null }, // a buffering hold, caused by no action
    { t: 4040, seq: 4, action: 'play' },
    { t: 8030, seq: 5, action: 'seek' },
  ]);
  expect(hops).toEqual([
    { serverMs: 25, afterServerMs: 35 },
    { serverMs: 40, afterServerMs: 50 },
    { serverMs: 30, afterServerMs: null },
  ]);
  const figures = hopFigures(hops);
  expect(figures.actionToServer.count).toBe(3);
  expect(figures.actionToServer.p50).toBe(30);
  expect(figures.serverToEveryone.count).toBe(2);
});

test('a broadcast is matched once, in order; none within the timeout: unknown', () => {
  const reactions = [
    reaction({ member: 0, t: 1000, type: 'seek', pos: 5 }, 80),
    reaction({ member: 1, t: 1010, type: 'seek', pos: 9 }, 80),
    reaction({ member: 1, t: 2000, type: 'pause', pos: 9 }, 80),
  ];
  const hops = actionHops(
    reactions,
    [
      { t: 1030, seq: 2, action: 'seek' },
      { t: 1045, seq: 3, action: 'seek' },
      { t: 9000, seq: 4, action: 'pause' },
    ],
    5000,
  );
  expect(hops.map((h) => h.serverMs)).toEqual([30, 35, null]);
});
