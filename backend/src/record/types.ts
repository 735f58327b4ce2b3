/**
 * The record of a room's live state: what must outlive a Redis that lost its data. Postgres
 * in production (and PGlite embedded), an in-memory stand-in for hub tests; one contract
 * suite for all three (backend/test/record).
 *
 * It is the arbiter of everything ordered: playback changes are a compare-and-set on `seq`
 * here, and chat cursors come from its per-room counter in the same statement that stores the
 * line. So a cursor is never handed out twice (not even after Redis restarted empty), lines
 * are committed in cursor order, and a line is durable before anyone is sent it.
 */
import type { BufferingState } from '@kino/shared/room/buffering';
import type { ChatMessage, PlaybackState, RoomSettings } from '@kino/shared/types';

export interface RoomLiveRecord {
  playback: PlaybackState;
  settings: RoomSettings;
  buffering: BufferingState;
  /** Cursor of the newest chat line (0 before the first). */
  chatCursor: number;
}

export type RecordCas =
  | { ok: true; state: PlaybackState }
  | { ok: false; state: PlaybackState | null };

export interface RecordChatPage {
  /** Oldest first. */
  messages: ChatMessage[];
  /** Older messages than the first one exist. */
  hasMore: boolean;
}

export interface RoomRecord {
  readonly kind: 'postgres' | 'pglite' | 'memory';

  /** The room's record, created from `initial` the first time. */
  load(
    roomId: string,
    initial: { playback: PlaybackState; settings: RoomSettings },
  ): Promise<RoomLiveRecord>;
  /** null when the room has no record yet. */
  get(roomId: string): Promise<RoomLiveRecord | null>;

  /**
   * Stores `next` only if the recorded seq equals `expectedSeq`; `buffering` (when given) is
   * written with it. Returns the recorded state either way (null: no record).
   */
  casPlayback(
    roomId: string,
    expectedSeq: number,
    next: PlaybackState,
    buffering?: BufferingState,
  ): Promise<RecordCas>;
  setSettings(roomId: string, settings: RoomSettings): Promise<void>;

  /**
   * Stores a line once per client id with the room's next cursor (creating the record with
   * `initial` if needed): `{ stored: true }`, or the earlier line with `{ stored: false }`.
   */
  appendChat(
    roomId: string,
    message: Omit<ChatMessage, 'cursor'>,
    initial: { playback: PlaybackState; settings: RoomSettings },
  ): Promise<{ stored: boolean; message: ChatMessage }>;
  /**
   * Up to `limit` of the newest lines with `after < cursor < before` (each bound optional),
   * oldest first.
   */
  chatPage(
    roomId: string,
    opts: { before?: number; after?: number; limit: number },
  ): Promise<RecordChatPage>;
  /** Up to `limit` lines with cursor > `after`, oldest first (filling a live feed's holes). */
  chatAfter(roomId: string, after: number, limit: number): Promise<ChatMessage[]>;
  /** The newest cursor of each room that has a record. */
  chatCursors(roomIds: readonly string[]): Promise<Map<string, number>>;

  /**
   * Marks rooms as in use now (their idle clock restarts), so the expiry sweeper never closes
   * a room while members are connected — even when Redis lost who they are.
   */
  touchRooms(roomIds: readonly string[], at: number): Promise<void>;
}
