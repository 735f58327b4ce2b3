/**
 * The I/O the feature handlers share: send to one connection, publish to the room's bus,
 * and answer errors (counting violations, closing abusers).
 */
import {
  type ClientMessage,
  type ErrorCode,
  encode,
  PROTOCOL_VERSION,
  type ServerMessage,
} from '@kino/shared/protocol';
import type { Connection } from './connection.ts';
import { isViolation, noteViolation } from './connection.ts';
import { CLOSE } from './limits.ts';
import type { RealtimePorts } from './ports.ts';

export interface RoomIO {
  readonly ports: RealtimePorts;
  /** Per-room memory of the last buffering auto-pause (see @kino/shared/room/buffering). */
  readonly autoPausedSeq: Map<string, number>;
  send(connection: Connection, message: ServerMessage): void;
  publish(roomId: string, message: ServerMessage): Promise<void>;
  fail(
    connection: Connection,
    code: ErrorCode,
    message: string,
    opts?: { ref?: string; fatal?: { closeCode: number } },
  ): void;
  /** Starts forwarding the room's bus events to this connection (into its backlog first). */
  enterRoom(connection: Connection): void;
  /** Drops entries of crashed instances from the room before a snapshot is taken. */
  pruneStale(roomId: string): Promise<void>;
  /** Closes the socket and runs the leave cleanup once. */
  disconnect(connection: Connection, closeCode: number, reason: string): void;
}

export type Handler<T extends ClientMessage['type']> = (
  io: RoomIO,
  connection: Connection,
  message: Extract<ClientMessage, { type: T }>,
) => Promise<void>;

export function sendError(
  io: Pick<RoomIO, 'send' | 'disconnect' | 'ports'>,
  connection: Connection,
  code: ErrorCode,
  message: string,
  opts: { ref?: string; fatal?: { closeCode: number } } = {},
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

export const encodeServer = (message: ServerMessage): string => encode(message);
export const SERVER_VERSION = PROTOCOL_VERSION;
