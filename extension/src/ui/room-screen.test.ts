import { describe, expect, test } from 'bun:test';
import { initialRoomView, type RoomView } from '../room/room-state';
import { isDeadEnd, roomScreen, UNREACHABLE_AFTER_MS } from './room-screen';

const you = { userId: 'anna', name: 'Anna', connectionId: 'c1', isOwner: true, canControl: true };
const at = (view: Partial<RoomView>, elapsedMs = 0, ended = false) =>
  roomScreen({ view: { ...initialRoomView(), ...view }, ended, elapsedMs });
const error = (code: string) => ({ lastError: { code, message: code } });

describe('which screen the sidebar shows', () => {
  test('connecting, then live once welcomed', () => {
    expect(at({})).toEqual({ kind: 'connecting' });
    expect(at({ status: 'connected', you })).toEqual({ kind: 'live' });
  });

  test('no welcome for a while, or no network before the first one: the server is unreachable', () => {
    expect(at({}, UNREACHABLE_AFTER_MS - 1).kind).toBe('connecting');
    expect(at({}, UNREACHABLE_AFTER_MS).kind).toBe('unreachable');
    expect(at({ status: 'offline' }, 100).kind).toBe('unreachable');
  });

  test('a dropped connection after the welcome stays the live room (it reconnects by itself)', () => {
    expect(at({ status: 'reconnecting', you }, 60_000).kind).toBe('live');
    expect(at({ status: 'offline', you }, 60_000).kind).toBe('live');
  });

  test('each refusal of the server is its own screen', () => {
    expect(at(error('forbidden'), 0, true).kind).toBe('forbidden');
    // Removed by the owner while in the room (the welcome came before): still a dead end.
    expect(at({ ...error('revoked'), you }, 0, true).kind).toBe('revoked');
    expect(at(error('not_found'), 0, true).kind).toBe('not-found');
    expect(at(error('unauthorized'), 0, true).kind).toBe('signed-out');
    expect(at(error('version_mismatch'), 0, true).kind).toBe('outdated');
    expect(at(error('room_closed'), 0, true)).toEqual({ kind: 'closed', how: 'already-closed' });
    expect(at(error('room_full'), 0, true).kind).toBe('full');
    expect(at(error('too_many_connections'), 0, true).kind).toBe('too-many-tabs');
    expect(at({ ...error('4010'), you }, 0, true).kind).toBe('replaced');
    expect(at({ ...error('internal'), status: 'offline' }, 0, true)).toEqual({
      kind: 'failed',
      message: 'internal',
    });
  });

  test('a refusal later in the room (say, the token expired) replaces the live room', () => {
    expect(at({ status: 'offline', you, ...error('unauthorized') }, 0, true).kind).toBe(
      'signed-out',
    );
  });

  test('a non-fatal error (rate limited) keeps the room live', () => {
    expect(at({ status: 'connected', you, ...error('rate_limited') }).kind).toBe('live');
  });

  test('closed by the owner, or expired', () => {
    expect(at({ status: 'closed', closedReason: 'closed-by-owner', you })).toEqual({
      kind: 'closed',
      how: 'closed-by-owner',
    });
    expect(at({ status: 'closed', closedReason: 'expired', you })).toEqual({
      kind: 'closed',
      how: 'expired',
    });
  });

  test('dead ends are the screens where the room is over or never began', () => {
    expect(isDeadEnd('live')).toBe(false);
    expect(isDeadEnd('connecting')).toBe(false);
    expect(isDeadEnd('unreachable')).toBe(false);
    for (const kind of [
      'closed',
      'forbidden',
      'revoked',
      'signed-out',
      'not-found',
      'outdated',
      'failed',
    ] as const)
      expect(isDeadEnd(kind)).toBe(true);
  });
});
