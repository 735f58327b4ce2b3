import type { ChatMessage, Participant, PlaybackState } from '../types.ts';

/** Valid sample values shared by the protocol tests. */
export const playback: PlaybackState = {
  playing: true,
  position: 12.5,
  at: 1_764_000_000_000,
  rate: 1,
  seq: 7,
};

export const participant: Participant = {
  userId: 'u-boris',
  name: 'Борис',
  connectionId: 'c-1',
  instanceId: 'i-1',
  joinedAt: 1_764_000_000_000,
  buffering: false,
};

export const chatMessage: ChatMessage = {
  id: 'msg_00000001',
  cursor: 3,
  kind: 'text',
  userId: 'u-boris',
  name: 'Борис',
  text: 'Привет!',
  at: 1_764_000_000_500,
  position: 13,
};
