/** A room as the backend answers it: one example for every test that needs one. */
import type { RoomView } from './rooms.ts';

export const SAMPLE_ROOM: RoomView = {
  id: 'r1',
  filmId: 'night-train',
  filmTitle: 'Night Train',
  filmUrl: 'http://localhost:3000/films/night-train',
  ownerId: 'anna',
  owner: { id: 'anna', name: 'Anna' },
  invitees: [{ id: 'boris', name: 'Boris' }],
  allowLinkJoin: false,
  joinUrl: 'http://localhost:8787/join/r1',
  createdAt: '2026-01-01T00:00:00.000Z',
  closedAt: null,
  closeReason: null,
  startsAt: null,
  participants: [
    {
      userId: 'boris',
      name: 'Boris',
      connectionId: 'c1',
      instanceId: 'i1',
      joinedAt: 1_767_225_600_000,
      buffering: false,
    },
  ],
  playback: { playing: true, position: 12.5, at: 1_767_225_600_000, rate: 1, seq: 3 },
};
