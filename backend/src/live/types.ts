import type { ChatMessage, Participant, PlaybackState, RoomSettings } from '@kino/shared/types';

export type CasResult =
  | { ok: true; state: PlaybackState }
  | { ok: false; state: PlaybackState | null };

export interface ChatPage {
  /** Oldest first. */
  messages: ChatMessage[];
  /** True when messages older than the first one exist. */
  hasMore: boolean;
}

/** What instances tell each other about a room (fan-out bus). */
export interface RoomEvent {
  roomId: string;
  /** Instance that published it, so it can skip its own echo if it wants. */
  origin: string;
  /** A server→client protocol message, already serialisable. */
  message: unknown;
}

/**
 * Live room state. Two implementations (Redis, in-memory) pass one contract suite.
 * Every method is atomic per room, also across backend instances sharing Redis.
 */
export interface LiveStore {
  readonly kind: 'redis' | 'memory';

  getPlayback(roomId: string): Promise<PlaybackState | null>;
  /** Initialise playback if none exists yet; returns the stored state. */
  initPlayback(roomId: string, state: PlaybackState): Promise<PlaybackState>;
  /** Compare-and-set: stores `next` only if the current seq equals `expectedSeq`. */
  casPlayback(roomId: string, expectedSeq: number, next: PlaybackState): Promise<CasResult>;

  getSettings(roomId: string): Promise<RoomSettings | null>;
  setSettings(roomId: string, settings: RoomSettings): Promise<void>;

  /** Adds or replaces (same connectionId) a participant. */
  putParticipant(roomId: string, participant: Participant): Promise<void>;
  removeParticipant(roomId: string, connectionId: string): Promise<Participant | null>;
  listParticipants(roomId: string): Promise<Participant[]>;

  /**
   * Stores a chat message once per client id: assigns `cursor` and returns
   * `{ stored: true, message }`, or `{ stored: false, message: <the earlier one> }`.
   */
  appendChat(
    roomId: string,
    message: Omit<ChatMessage, 'cursor'>,
  ): Promise<{ stored: boolean; message: ChatMessage }>;
  /** Up to `limit` messages with cursor < `before` (newest page when omitted), oldest first. */
  chatPage(roomId: string, opts: { before?: number; limit: number }): Promise<ChatPage>;

  /** Drops all live state of a room (on close or expiry). */
  deleteRoom(roomId: string): Promise<void>;

  publish(event: RoomEvent): Promise<void>;
  /** Receives every event published by any instance (including this one). */
  subscribe(handler: (event: RoomEvent) => void): Promise<() => Promise<void>>;

  close(): Promise<void>;
}
