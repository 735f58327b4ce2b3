/** Builders of chat lines and welcomes for the room reducer's specs (room-state*.test.ts). */
import type { ServerMessage } from '@kino/shared/protocol';
import type { ChatMessage } from '@kino/shared/types';
import { initialRoomView, type RoomView, reduceServerMessage } from './room-state';

export const chat = (
  cursor: number,
  id = `msg-${cursor}-id`,
  kind: 'text' | 'reaction' = 'text',
): ChatMessage => ({
  id,
  cursor,
  kind,
  userId: 'boris',
  name: 'Boris',
  text: kind === 'text' ? `line ${cursor}` : '😍',
  at: 1000 + cursor,
  position: 1,
});

export const welcome = (messages: ChatMessage[], hasMore: boolean): ServerMessage => ({
  type: 'welcome',
  v: 1,
  serverTime: 5000,
  you: { userId: 'anna', name: 'Anna', connectionId: 'c1', isOwner: true, canControl: true },
  room: {
    id: 'r1',
    filmId: 'night-train',
    ownerId: 'anna',
    settings: { controlMode: 'everyone', bufferPolicy: 'wait' },
  },
  playback: { playing: false, position: 0, at: 5000, rate: 1, seq: 1 },
  participants: [],
  chat: { messages, hasMore },
});

/** Anna, joined, with lines 1 and 2 and more before them. */
export function joined(): RoomView {
  return reduceServerMessage(initialRoomView(), welcome([chat(1), chat(2)], true), 0);
}
