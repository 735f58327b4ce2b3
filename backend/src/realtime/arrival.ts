/**
 * What happens the moment a frame arrives, before it is queued: size and schema (the
 * protocol parser, on the raw frame), the rules before `hello`, rate limits per connection and
 * per person. So a backlog behind a slow store is never judged late, and nothing a client sends
 * before it has said who it is goes uncounted. Pings are answered here, never queued.
 */
import { type ClientMessage, parseClientMessage, type RawFrame } from '@kino/shared/protocol';
import { allowByRate, type Connection } from './connection.ts';
import { CLOSE, MAX_QUEUED_FRAMES, PRE_HELLO_PINGS } from './limits.ts';
import { type RoomIO, refOf } from './room-io.ts';
import type { UserBudgets } from './user-budget.ts';

export interface Admitted {
  message: ClientMessage;
  ref: string;
  /** The shared (cross-instance) budget's verdict, asked for on arrival. */
  budget: Promise<boolean>;
}

/** The frame's message if it may be queued; null when it was answered (or refused) already. */
export function judgeFrame(
  io: RoomIO,
  connection: Connection,
  raw: RawFrame,
  receivedAt: number,
  budgets: UserBudgets,
): Admitted | null {
  const refuse = (code: Parameters<RoomIO['fail']>[1], text: string, ref?: string) => {
    io.fail(connection, code, text, ref === undefined ? {} : { ref });
    return null;
  };
  const parsed = parseClientMessage(raw);
  if (!parsed.ok) {
    const { code, message, ref } = parsed.error;
    if (code !== 'version_mismatch') return refuse(code, message, ref);
    io.fail(connection, code, message, { ref, fatal: { closeCode: CLOSE.versionMismatch } });
    return null;
  }
  const message = parsed.message;
  const ref = refOf(message);
  if (!connection.helloArrived) {
    // Before `hello` a socket is anonymous: all it may do is say hello and sync its clock.
    connection.framesBeforeHello++;
    if (message.type === 'hello') connection.helloArrived = true;
    else if (message.type !== 'ping' || connection.framesBeforeHello > PRE_HELLO_PINGS) {
      return refuse('not_joined', 'send hello first', ref);
    }
  }
  if (!allowByRate(connection, message.type, receivedAt)) {
    return refuse('rate_limited', `too many ${message.type} messages`, ref);
  }
  if (message.type === 'ping') {
    // A clock sample must not wait behind a slow store.
    io.send(connection, {
      type: 'pong',
      id: message.id,
      t0: message.t0,
      serverTime: io.ports.now(),
    });
    return null;
  }
  const joined = connection.phase === 'joined' ? connection.joined : null;
  const budget = joined
    ? budgets.take(joined.room.id, joined.participant.userId, message.type, receivedAt)
    : Promise.resolve(true);
  if (budget === false) return refuse('rate_limited', `too many ${message.type} messages`, ref);
  if (connection.queued >= MAX_QUEUED_FRAMES) {
    // The server is behind (a slow store), not the client: not a violation.
    return refuse('unavailable', 'the server is busy; send it again', ref);
  }
  return { message, ref, budget };
}
