/**
 * Presence as the wire shows it: one entry per person (however many tabs), built from the
 * live store's entries with their revision, so other instances keep the newest list.
 */
import type { PresenceEventKind } from '@kino/shared/protocol';
import { compactPresence } from '@kino/shared/room/presence';
import { wireParticipant } from '../live/wire.ts';
import type { RoomIO } from './room-io.ts';

export async function announcePresence(
  io: RoomIO,
  roomId: string,
  event?: { kind: PresenceEventKind; userId: string; name: string },
): Promise<void> {
  const { entries, rev } = await io.ports.live.presence(roomId);
  const participants = compactPresence(entries.map(wireParticipant));
  io.broadcast(roomId, { type: 'presence', participants, ...(event ? { event } : {}) }, { rev });
}
