/**
 * Core domain types shared by backend, extension and protocol.
 * The protocol schemas (shared/src/protocol) must stay structurally equal to these.
 */

/** The room's playback: film `position` (seconds) at server time `at` (ms since epoch). */
export interface PlaybackState {
  playing: boolean;
  position: number;
  at: number;
  rate: number;
  /** Bumped by every accepted change; commands name the seq they were based on. */
  seq: number;
}

export type ControlMode = 'everyone' | 'owner';
export type BufferPolicy = 'wait' | 'continue';

export interface RoomSettings {
  controlMode: ControlMode;
  bufferPolicy: BufferPolicy;
}

export interface Participant {
  userId: string;
  name: string;
  /** One entry per connection; a user with two tabs has two. */
  connectionId: string;
  /** Backend instance holding the socket (for cleanup after a crash). */
  instanceId: string;
  joinedAt: number;
  buffering: boolean;
  /** Absent while the player follows the room; `ad` or `none` otherwise (protocol/player-state). */
  player?: 'ad' | 'none';
}

export type ChatKind = 'text' | 'reaction';

export interface ChatMessage {
  /** Client-chosen id (idempotency key), unique within a room. */
  id: string;
  /** Server-assigned, strictly increasing per room; the paging cursor. */
  cursor: number;
  kind: ChatKind;
  userId: string;
  name: string;
  /** Text, or the emoji for a reaction. */
  text: string;
  /** Server time (ms) when stored. */
  at: number;
  /** Film position (s) when sent. */
  position: number;
}
