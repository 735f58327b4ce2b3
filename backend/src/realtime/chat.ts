/**
 * Chat, reactions and history. Each line is stamped with server time and the room's film
 * position and stored in the record once per client id, with the room's next cursor. A resend
 * of a stored id is broadcast again (instances that handed it out drop it; one that never
 * did — its publisher died — now does), and its sender gets it back as the acknowledgement.
 */
import { fitListIntoFrame, MAX_POSITION_SEC } from '@kino/shared/protocol';
import { expectedPosition } from '@kino/shared/room/playback-commands';
import type { ChatKind } from '@kino/shared/types';
import { ReactionLimitError } from '../record/errors.ts';
import type { JoinedConnection } from './connection.ts';
import type { Handler, RoomIO } from './room-io.ts';
import { currentPlayback, initialRoom } from './room-state.ts';

async function storeAndBroadcast(
  io: RoomIO,
  connection: JoinedConnection,
  line: { id: string; kind: ChatKind; text: string },
  receivedAt: number,
): Promise<void> {
  const { joined } = connection;
  const roomId = joined.room.id;
  const playback = await currentPlayback(io, roomId);
  const position = Math.min(MAX_POSITION_SEC, expectedPosition(playback, receivedAt));
  const { stored, message } = await io.ports.record.appendChat(
    roomId,
    {
      ...line,
      userId: joined.participant.userId,
      name: joined.participant.name,
      at: receivedAt,
      position,
    },
    initialRoom(receivedAt),
  );
  io.broadcast(roomId, { type: 'chat', message });
  // The live feed sends this connection only lines past its welcome: acknowledge older ones here.
  if (!stored && message.cursor <= connection.chatFloor) {
    io.send(connection, { type: 'chat', message });
  }
}

export const handleChat: Handler<'chat'> = (io, connection, message, arrival) =>
  storeAndBroadcast(
    io,
    connection,
    { id: message.id, kind: 'text', text: message.text },
    arrival.receivedAt,
  );

export const handleReaction: Handler<'reaction'> = async (io, connection, message, arrival) => {
  try {
    await storeAndBroadcast(
      io,
      connection,
      { id: message.id, kind: 'reaction', text: message.emoji },
      arrival.receivedAt,
    );
  } catch (error) {
    // A room's reactions are bounded (its timeline stays cheap to read): say so, keep the room.
    if (!(error instanceof ReactionLimitError)) throw error;
    io.fail(connection, 'rate_limited', error.message, { ref: message.id });
  }
};

export const handleHistory: Handler<'history'> = async (io, connection, message) => {
  const { joined } = connection;
  const page = await io.ports.record.chatPage(joined.room.id, {
    before: message.before,
    limit: message.limit ?? 30,
  });
  // A page holds what fits into one frame; the client asks again from its oldest line.
  const { message: reply } = fitListIntoFrame(page.messages, (messages, cut) => ({
    type: 'history' as const,
    messages,
    hasMore: page.hasMore || cut,
  }));
  io.send(connection, reply);
};
