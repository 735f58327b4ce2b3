/**
 * Removes participant entries whose socket no longer exists anywhere (their instance crashed),
 * records their leave and tells the room, as if they had disconnected normally — announced as a
 * leave only when the person has no other connection left (they may have failed over already).
 */
import type { LiveParticipant } from '../live/types.ts';
import { recordPresenceSafely } from './join.ts';
import { announceLeave } from './leave.ts';
import type { RoomIO } from './room-io.ts';

export async function pruneStaleParticipants(
  io: RoomIO,
  roomId: string,
  isStale: (entry: LiveParticipant) => boolean,
  /** The room's entries when the caller has just read them (one read for several checks). */
  known?: LiveParticipant[],
): Promise<number> {
  const entries = known ?? (await io.ports.live.presence(roomId)).entries;
  let removedCount = 0;
  for (const entry of entries.filter(isStale)) {
    // Another instance may be pruning the same entry: only the one that removes it reports it.
    const { removed, lastOfUser } = await io.ports.live.removeParticipant(
      roomId,
      entry.connectionId,
    );
    if (!removed) continue;
    removedCount++;
    const { userId, connectionId } = removed;
    await recordPresenceSafely(io, {
      roomId,
      userId,
      connectionId,
      kind: 'leave',
      at: io.ports.now(),
    });
    await announceLeave(io, roomId, removed, lastOfUser);
  }
  return removedCount;
}
