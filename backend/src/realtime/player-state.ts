/**
 * A member's player following the room or not (`player`, @kino/shared/protocol/player-state):
 * kept on the connection's presence entry and shown to everyone. It decides nothing about
 * playback: an ad also comes as a `buffering` report, which the buffering policy weighs.
 */
import { announcePresence } from './announce.ts';
import type { JoinedRoom } from './connection.ts';
import type { Handler } from './room-io.ts';

export const handlePlayerState: Handler<'player'> = async (io, connection, message) => {
  const joined = connection.joined as JoinedRoom;
  const shown = message.state === 'attached' ? undefined : message.state;
  if (joined.participant.player === shown) return; // repeated report: nothing new
  const { player: _, ...rest } = joined.participant;
  joined.participant = shown ? { ...rest, player: shown } : rest;
  await io.ports.live.putParticipant(joined.room.id, joined.participant);
  await announcePresence(io, joined.room.id);
};
