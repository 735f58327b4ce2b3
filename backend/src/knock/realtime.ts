/**
 * The owner's side in the room: the pending requests after their welcome and on every change,
 * their answers (`knock-answer`), and revoking a member (`revoke`). Only the owner may do
 * either; the `knocks` list reaches owner connections only (fanout.ts).
 */
import type { ServerMessageOf } from '@kino/shared/protocol';
import type { Connection } from '../realtime/connection.ts';
import type { Handler, RoomIO } from '../realtime/room-io.ts';
import { refOf } from '../realtime/room-io.ts';
import type { RevokeEvent } from './revoke-event.ts';

export const handleKnockAnswer: Handler<'knock-answer'> = async (io, connection, message) => {
  const joined = connection.joined;
  const knocks = io.ports.knocks;
  const ref = refOf(message);
  if (!joined?.isOwner || !knocks) {
    return io.fail(connection, 'not_allowed', 'only the owner answers requests to join', { ref });
  }
  const roomId = joined.room.id;
  const result = await knocks.answer(roomId, message.userId, message.approve);
  // Either way the owner's list is out of date: every owner tab gets the current one — before
  // a refusal, so the list no longer shows the request the refusal is about.
  await broadcastKnocks(io, roomId);
  if (result === 'gone') {
    io.fail(connection, 'knock_gone', 'that request expired or was answered already', { ref });
  }
};

export const handleRevoke: Handler<'revoke'> = async (io, connection, message) => {
  const joined = connection.joined;
  const knocks = io.ports.knocks;
  const ref = refOf(message);
  if (!joined?.isOwner || !knocks) {
    return io.fail(connection, 'not_allowed', 'only the owner removes people from the room', {
      ref,
    });
  }
  if (message.userId === joined.participant.userId) {
    return io.fail(connection, 'not_allowed', 'the owner cannot remove themselves', { ref });
  }
  const roomId = joined.room.id;
  // Recorded first: from here no door lets them back in, whatever happens to the bus.
  await knocks.revoke(roomId, message.userId, joined.participant.userId);
  // Every instance (this one too) closes the member's connections when the event arrives.
  const event: RevokeEvent = { type: '*revoked', userId: message.userId };
  await io.ports.live.publish({ roomId, origin: io.ports.instanceId, message: event });
  await broadcastKnocks(io, roomId);
};

async function broadcastKnocks(io: RoomIO, roomId: string): Promise<void> {
  const requests = (await io.ports.knocks?.pending(roomId)) ?? [];
  const message: ServerMessageOf<'knocks'> = { type: 'knocks', requests };
  io.broadcast(roomId, message);
}

/** After the owner's welcome: the requests waiting for them (nothing when there are none). */
export async function sendKnocksAfterWelcome(io: RoomIO, connection: Connection): Promise<void> {
  const joined = connection.joined;
  if (!joined?.isOwner || !io.ports.knocks) return;
  try {
    const requests = await io.ports.knocks.pending(joined.room.id);
    if (requests.length > 0) io.send(connection, { type: 'knocks', requests });
  } catch (error) {
    // The room works without the list; the next knock or answer sends it again.
    io.logError('listing knocks failed', error);
  }
}
