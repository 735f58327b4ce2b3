/** Per-connection state the hub keeps, and the pure guards applied to each frame. */

import type { ErrorCode } from '@kino/shared/protocol/errors';
import { type AbuseState, recordViolation } from '@kino/shared/room/abuse';
import {
  classOf,
  freshBuckets,
  type RateBuckets,
  takeForClass,
} from '@kino/shared/room/rate-limit';
import type { LiveParticipant } from '../live/types.ts';
import type { HubSocket, RoomInfo } from './ports.ts';

export interface JoinedRoom {
  room: RoomInfo;
  isOwner: boolean;
  participant: LiveParticipant;
}

/** A frame delivered while the welcome was being built: sent right after it. */
export interface BacklogItem {
  text: string;
  /** For chat: its cursor, so lines the welcome already covers are not sent twice. */
  cursor?: number;
}

export interface Connection {
  socket: HubSocket;
  openedAt: number;
  /** Last frame of any kind; the idle timeout counts from here. */
  lastSeenAt: number;
  buckets: RateBuckets;
  abuse: AbuseState;
  phase: 'awaiting-hello' | 'joining' | 'joined' | 'closed';
  /** A `hello` arrived (it may still be waiting in the queue). */
  helloArrived: boolean;
  /** Frames that arrived before any `hello`. */
  framesBeforeHello: number;
  joined: JoinedRoom | null;
  /** The room admitted it (its entry was stored and its join logged). */
  admitted: boolean;
  /**
   * Every chat line with a cursor up to this one is in the connection's welcome or reachable by
   * `history`; the live feed sends it only newer ones.
   */
  chatFloor: number;
  /** Bus messages that arrived while the welcome was being built; sent right after it. */
  backlog: BacklogItem[] | null;
  /** Frames of one connection are handled strictly one after another. */
  queue: Promise<void>;
  /** Frames waiting in `queue`. */
  queued: number;
}

/** A connection the room admitted: the one kind the feature handlers are given (dispatch.ts). */
export type JoinedConnection = Connection & { phase: 'joined'; joined: JoinedRoom };

export function isJoined(connection: Connection): connection is JoinedConnection {
  return connection.phase === 'joined' && connection.joined !== null;
}

export function newConnection(socket: HubSocket, now: number): Connection {
  return {
    socket,
    openedAt: now,
    lastSeenAt: now,
    buckets: freshBuckets(now),
    abuse: [],
    phase: 'awaiting-hello',
    helloArrived: false,
    framesBeforeHello: 0,
    joined: null,
    admitted: false,
    chatFloor: 0,
    backlog: null,
    queue: Promise.resolve(),
    queued: 0,
  };
}

/** Spends a token of the message's class; false means "rate limited". */
export function allowByRate(connection: Connection, messageType: string, now: number): boolean {
  const { allowed, buckets } = takeForClass(connection.buckets, classOf(messageType), now);
  connection.buckets = buckets;
  return allowed;
}

/** Errors that say the client misbehaved (as opposed to a race it could not avoid, like stale). */
const VIOLATIONS: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'bad_json',
  'too_large',
  'unknown_type',
  'invalid_message',
  'not_joined',
  'not_allowed',
  'rate_limited',
]);

/** Server faults (`unavailable`, `internal`) and races (`stale`) never count against a client. */
export function isViolation(code: ErrorCode): boolean {
  return VIOLATIONS.has(code);
}

/** Counts a violation; true means the connection has crossed the abuse threshold. */
export function noteViolation(connection: Connection, now: number): boolean {
  const { close, state } = recordViolation(connection.abuse, now);
  connection.abuse = state;
  return close;
}

export type Deadline = 'hello' | 'idle' | null;

/** Which deadline, if any, a connection has missed at `now`. */
export function missedDeadline(
  connection: Connection,
  now: number,
  limits: { helloTimeoutMs: number; idleTimeoutMs: number },
): Deadline {
  if (connection.phase === 'awaiting-hello' && now - connection.openedAt > limits.helloTimeoutMs) {
    return 'hello';
  }
  if (connection.phase === 'joined' && now - connection.lastSeenAt > limits.idleTimeoutMs) {
    return 'idle';
  }
  return null;
}
