/**
 * What the realtime hub needs from the rest of the backend, as small interfaces.
 * The hub sees sockets only through `HubSocket`, so tests drive it with in-memory sockets
 * and the Elysia controller is the only place that knows about Bun's WebSocket.
 */

import type { KnockPorts } from '../knock/ports.ts';
import type { LiveStore } from '../live/types.ts';
import type { RoomRecord } from '../record/types.ts';

export interface HubSocket {
  /** Unique per connection; becomes the participant's connectionId. */
  readonly id: string;
  send(text: string): void;
  close(code: number, reason: string): void;
  /** Frames published to `channel` reach this socket from now on (until it closes). */
  subscribe(channel: string): void;
  unsubscribe(channel: string): void;
}

export interface VerifiedUser {
  id: string;
  name: string;
}

export interface RoomInfo {
  id: string;
  filmId: string;
  ownerId: string;
}

export type RoomAccess =
  | { ok: true; room: RoomInfo; isOwner: boolean }
  | { ok: false; code: 'not_found' | 'forbidden' | 'room_closed' | 'revoked'; message: string };

export interface PresenceRecord {
  roomId: string;
  userId: string;
  connectionId: string;
  kind: 'join' | 'leave';
  at: number;
}

export interface RealtimePorts {
  live: LiveStore;
  /** The durable record of each room's playback, settings and chat (Postgres). */
  record: RoomRecord;
  /** This backend instance; stored on each participant so a crashed instance's entries can go. */
  instanceId: string;
  now(): number;
  /** The cinema JWT's user, or why the token is refused (invalid, expired, wrongly signed). */
  verifyToken(
    token: string,
  ): Promise<{ ok: true; user: VerifiedUser } | { ok: false; message: string }>;
  /** Whether `user` may join: owner, invitee, or anyone signed in when link joins are allowed. */
  roomAccess(roomId: string, user: VerifiedUser): Promise<RoomAccess>;
  /**
   * Hands one frame to every socket subscribed to `channel`, in one call (Bun's topic publish:
   * the frame is converted once and written natively to each socket).
   */
  publishToChannel(channel: string, text: string): void;
  /** Records a join or leave in Postgres (the room's history). */
  recordPresence(event: PresenceRecord): Promise<void>;
  /**
   * ROOM_IDLE_TTL_SECONDS in ms: occupied rooms' idle clocks are restarted often enough for it
   * (liveness.ts touchEveryMs); absent: the default TTL's pace.
   */
  roomIdleTtlMs?: number;
  /** Knock to join and revoking members (backend/src/knock); absent: the room has neither. */
  knocks?: KnockPorts;
  /** Where unexpected failures are reported; console.error when absent. */
  logError?(message: string, error: unknown): void;
}

/** The ports the rest of the backend provides; the WebSocket server adds the channels (index.ts). */
export type BackendPorts = Omit<RealtimePorts, 'publishToChannel'>;
