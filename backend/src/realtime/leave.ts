/**
 * A connection leaves its room (closed by either side): its entry goes, the leave is logged,
 * and the room hears of it — as a leave only when that was the person's last tab, so a member
 * who reconnected (to another instance, say) is never announced as gone.
 */
import { announcePresence } from './announce.ts';
import { applyBufferingPolicy } from './buffering.ts';
import type { Connection } from './connection.ts';
import { presenceRecord, recordPresenceSafely } from './join.ts';
import type { RoomIO } from './room-io.ts';

export async function leaveRoom(io: RoomIO, connection: Connection): Promise<void> {
  const joined = connection.joined;
  // Refused at the door (room full, a dependency away): it never was in the room.
  if (!joined || !connection.admitted) return;
  const roomId = joined.room.id;
  const { removed, lastOfUser } = await io.ports.live.removeParticipant(
    roomId,
    connection.socket.id,
  );
  await recordPresenceSafely(io, presenceRecord(connection, 'leave', io.ports.now()));
  // Nothing to announce: the entry was replaced by a newer connection of the same tab, or the
  // room's live state is gone (closed room).
  if (!removed) return;
  await announceLeave(io, roomId, removed, lastOfUser);
}

/** Tells the room someone's connection went; a `leave` event only for their last one. */
export async function announceLeave(
  io: RoomIO,
  roomId: string,
  removed: { userId: string; name: string; buffering: boolean },
  lastOfUser: boolean,
): Promise<void> {
  const { userId, name } = removed;
  await announcePresence(io, roomId, lastOfUser ? { kind: 'leave', userId, name } : undefined);
  if (removed.buffering) await applyBufferingPolicy(io, roomId, { userId, name });
}
