/**
 * Removes participant entries whose socket no longer exists anywhere (their instance crashed),
 * records their leave and tells the room, as if they had disconnected normally.
 */
import type { Participant } from '@kino/shared/types';
import { recordPresenceSafely } from './join.ts';
import type { RoomIO } from './room-io.ts';

export async function pruneStaleParticipants(
  io: RoomIO,
  roomId: string,
  isStale: (entry: Participant) => boolean,
): Promise<number> {
  const participants = await io.ports.live.listParticipants(roomId);
  const stale = participants.filter(isStale);
  let removedCount = 0;
  for (const entry of stale) {
    // Another instance may be pruning the same entry: only the one that removes it reports it.
    const removed = await io.ports.live.removeParticipant(roomId, entry.connectionId);
    if (!removed) continue;
    removedCount++;
    const { userId, name, connectionId } = removed;
    await recordPresenceSafely(io, {
      roomId,
      userId,
      connectionId,
      kind: 'leave',
      at: io.ports.now(),
    });
    await io.publish(roomId, {
      type: 'presence',
      participants: await io.ports.live.listParticipants(roomId),
      event: { kind: 'leave', userId, name },
    });
  }
  return removedCount;
}
