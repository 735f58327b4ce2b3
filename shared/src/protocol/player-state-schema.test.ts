import { expect, test } from 'bun:test';
import { Value } from '@sinclair/typebox/value';
import {
  PLAYER_STATES,
  PlayerStateSchema,
  SHOWN_PLAYER_STATES,
  ShownPlayerStateSchema,
} from './player-state.ts';

test('the player-state schemas accept exactly their lists', () => {
  for (const state of PLAYER_STATES) expect(Value.Check(PlayerStateSchema, state)).toBe(true);
  for (const state of SHOWN_PLAYER_STATES) {
    expect(Value.Check(ShownPlayerStateSchema, state)).toBe(true);
  }
  expect(Value.Check(ShownPlayerStateSchema, 'attached')).toBe(false);
  expect(PlayerStateSchema.anyOf).toHaveLength(PLAYER_STATES.length);
  expect(ShownPlayerStateSchema.anyOf).toHaveLength(SHOWN_PLAYER_STATES.length);
});
