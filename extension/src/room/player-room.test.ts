import { expect, test } from 'bun:test';
import { signal } from '@preact/signals';
import { view } from '../../test/room-fixtures';
import type { RoomConnection } from './connection';
import { playerRoomOf } from './player-room';

/** Just what playerRoomOf reads of a connection. */
function fakeConnection(isOwner: boolean, at: number, now: { ms: number }) {
  const v = view({ playback: { playing: true, position: 0, at, rate: 1, seq: 0 } });
  v.you = { ...v.you!, isOwner };
  return {
    view: signal(v),
    serverNow: () => now.ms,
    clock: { ready: true },
  } as unknown as RoomConnection;
}

test('before a scheduled start the player sees the room paused at 0; at the start, playing', () => {
  const now = { ms: 1_000 };
  const room = playerRoomOf(fakeConnection(true, 5_000, now));
  expect(room.playback()).toEqual({ playing: false, position: 0, at: 1_000, rate: 1, seq: 0 });
  now.ms = 5_000;
  expect(room.playback()).toEqual({ playing: true, position: 0, at: 5_000, rate: 1, seq: 0 });
});

test('before the start only the owner controls playback; after it, members again', () => {
  const now = { ms: 1_000 };
  expect(playerRoomOf(fakeConnection(true, 5_000, now)).canControl()).toBe(true);
  const member = playerRoomOf(fakeConnection(false, 5_000, now));
  expect(member.canControl()).toBe(false);
  now.ms = 5_001;
  expect(member.canControl()).toBe(true);
});
