/**
 * The I/O the feature handlers share: send to one connection, broadcast to a room (this
 * instance's sockets at once, the others over the bus), and answer errors (counting
 * violations, closing abusers; never blaming a client for a server fault).
 */
import {
  type ClientMessage,
  type ErrorCode,
  encode,
  MAX_SERVER_FRAME_BYTES,
  PROTOCOL_VERSION,
  type ServerMessage,
  utf8Length,
} from '@kino/shared/protocol';
import type { PlaybackState } from '@kino/shared/types';
import type { Connection, JoinedConnection } from './connection.ts';
import { isViolation, noteViolation } from './connection.ts';
import { CLOSE } from './limits.ts';
import type { RealtimePorts } from './ports.ts';

export interface RoomIO {
  readonly ports: RealtimePorts;
  send(connection: Connection, message: ServerMessage): void;
  /**
   * Hands `message` to every member of the room: this instance's sockets now, other
   * instances' over the bus. `rev` orders presence lists across instances.
   */
  broadcast(roomId: string, message: ServerMessage, opts?: { rev?: number }): void;
  fail(connection: Connection, code: ErrorCode, message: string, opts?: FailOptions): void;
  /**
   * Starts forwarding the room's events to this connection (into its backlog first); resolves
   * once this instance watches the room on the bus (read the room's state after that).
   */
  enterRoom(connection: Connection): Promise<void>;
  /**
   * The welcome went out (with this playback seq): the room's chat feed starts there if it had
   * not, and what queued meanwhile is sent.
   */
  welcomed(connection: Connection, playbackSeq: number): void;
  /** Drops entries of crashed instances from the room before a snapshot is taken. */
  pruneStale(roomId: string): Promise<void>;
  /** Closes the socket and runs the leave cleanup once. */
  disconnect(connection: Connection, closeCode: number, reason: string): void;
  /** Closes connections (here or on other instances) that a newer one of the same tab replaced. */
  closeReplaced(roomId: string, connectionIds: string[]): void;
  /**
   * The newest playback this instance handed to the room's members, or null: every change
   * passes through here (ours at once, others' over the bus), so reads that may be a moment
   * old need no round trip.
   */
  knownPlayback?(roomId: string): PlaybackState | null;
  /** A buffering hold began in the room: re-decide once it may have run out. */
  noteHold(roomId: string, deadline: number | null): void;
  logError(message: string, error: unknown): void;
}

export interface FailOptions {
  ref?: string;
  fatal?: { closeCode: number };
}

/** What a message handler receives besides the message: when it arrived. */
export interface Arrival {
  /** Server time the frame arrived (before any queueing). */
  receivedAt: number;
}

/** Handles `hello`, which comes before the connection is joined. */
export type HelloHandler = (
  io: RoomIO,
  connection: Connection,
  message: Extract<ClientMessage, { type: 'hello' }>,
  arrival: Arrival,
) => Promise<void>;

/** Handles one message of a joined connection (dispatch.ts checks that it is joined). */
export type Handler<T extends ClientMessage['type']> = (
  io: RoomIO,
  connection: JoinedConnection,
  message: Extract<ClientMessage, { type: T }>,
  arrival: Arrival,
) => Promise<void>;

/**
 * The wire text of a server message, or null when it would exceed what clients accept. Every
 * list the hub sends is fitted beforehand; this is the last guard, and it is logged.
 */
export function encodeServer(message: ServerMessage): string | null {
  const text = encode(message);
  // A UTF-16 unit is at most three bytes: most frames are known to fit without counting.
  if (text.length * 3 <= MAX_SERVER_FRAME_BYTES) return text;
  return utf8Length(text) <= MAX_SERVER_FRAME_BYTES ? text : null;
}

export function sendError(
  io: Pick<RoomIO, 'send' | 'disconnect' | 'ports'>,
  connection: Connection,
  code: ErrorCode,
  message: string,
  opts: FailOptions = {},
): void {
  io.send(connection, {
    type: 'error',
    code,
    message,
    ...(opts.ref === undefined ? {} : { ref: opts.ref }),
    ...(opts.fatal ? { fatal: true } : {}),
  });
  if (opts.fatal) {
    io.disconnect(connection, opts.fatal.closeCode, message.slice(0, 120));
    return;
  }
  if (isViolation(code) && noteViolation(connection, io.ports.now())) {
    io.disconnect(connection, CLOSE.abuse, 'too many invalid or rate-limited messages');
  }
}

/** What an error about `message` names it by: its id when it has one, else its type. */
export function refOf(message: ClientMessage): string {
  if ('id' in message && message.id !== undefined) return String(message.id);
  return message.type;
}

export const SERVER_VERSION = PROTOCOL_VERSION;
