import { describe, expect, test } from 'bun:test';
import { parseMatches, parseRoomView } from './responses.ts';
import { SAMPLE_ROOM } from './test-fixtures.ts';

const room = SAMPLE_ROOM;

describe('the extension reads the backend with the backend’s schemas', () => {
  test('a room as the backend sends it is accepted whole', () => {
    expect(parseRoomView(room)).toEqual(room);
    expect(
      parseRoomView({ ...room, closedAt: '2026-01-01T01:00:00Z', playback: null }),
    ).not.toBeNull();
  });

  test('a field missing, of another type or malformed is refused', () => {
    const { joinUrl: _joinUrl, ...withoutLink } = room;
    for (const bad of [
      null,
      [],
      'room',
      withoutLink,
      { ...room, allowLinkJoin: 'yes' },
      { ...room, owner: { id: 'anna' } },
      { ...room, invitees: [{ id: 1, name: 'x' }] },
      { ...room, createdAt: 'yesterday' },
      { ...room, closedAt: 1_767_225_600_000 },
      { ...room, participants: [{ ...room.participants[0], buffering: 'no' }] },
      { ...room, playback: { ...room.playback, position: -1 } },
    ]) {
      expect(parseRoomView(bad)).toBeNull();
    }
  });

  test('matches: a list of people, nothing else', () => {
    expect(parseMatches({ matches: [{ id: 'boris', name: 'Boris' }] })).toEqual([
      { id: 'boris', name: 'Boris' },
    ]);
    for (const bad of [{}, { matches: 'boris' }, { matches: [{ id: 'boris' }] }, null]) {
      expect(parseMatches(bad)).toBeNull();
    }
  });
});
