/**
 * Buffering reports and the room's buffering policy (decideBuffering in @kino/shared/room:
 * bounded holds), applied with a compare-and-set on the record, so instances racing on one room
 * resolve by `seq` and the holds' accounting is the same everywhere.
 */
import { decideBuffering, holdDeadline, type Stall } from '@kino/shared/room/buffering';
import type { LiveParticipant } from '../live/types.ts';
import { announcePresence } from './announce.ts';
import type { Handler, RoomIO } from './room-io.ts';
import { cachePlayback } from './room-state.ts';

/** One stall per person: the earliest of their stalled tabs. */
function stallsOf(entries: readonly LiveParticipant[]): Stall[] {
  const since = new Map<string, number>();
  for (const entry of entries) {
    if (!entry.buffering) continue;
    const at = entry.bufferingSince ?? entry.joinedAt;
    since.set(entry.userId, Math.min(at, since.get(entry.userId) ?? at));
  }
  return [...since].map(([userId, at]) => ({ userId, since: at }));
}

/**
 * Re-decides the room's buffering after a stall, a recovery, a leave, a settings change, or a
 * hold running out. `actor` is who the change is shown as (null: the first holder).
 */
export async function applyBufferingPolicy(
  io: RoomIO,
  roomId: string,
  actor: { userId: string; name: string } | null,
): Promise<void> {
  const [room, presence] = await Promise.all([
    io.ports.record.get(roomId),
    io.ports.live.presence(roomId),
  ]);
  if (!room) return;
  const decision = decideBuffering({
    playback: room.playback,
    policy: room.settings.bufferPolicy,
    stalls: stallsOf(presence.entries),
    state: room.buffering,
    now: io.ports.now(),
  });
  if (decision.action === 'none') return;
  const cas = await io.ports.record.casPlayback(
    roomId,
    room.playback.seq,
    decision.next,
    decision.state,
  );
  if (!cas.ok) return; // someone changed the room meanwhile; their change stands
  cachePlayback(io, roomId, cas.state);
  io.noteHold(roomId, holdDeadline(decision.state, cas.state));
  const holder = room.buffering.hold?.by[0] ?? decision.state.hold?.by[0];
  const shownAs =
    actor ?? presence.entries.find((p) => p.userId === holder) ?? presence.entries[0] ?? null;
  io.broadcast(roomId, {
    type: 'playback',
    playback: cas.state,
    cause: shownAs ? { userId: shownAs.userId, name: shownAs.name, action: decision.action } : null,
  });
}

export const handleBuffering: Handler<'buffering'> = async (io, connection, message, arrival) => {
  const { joined } = connection;
  const roomId = joined.room.id;
  if (joined.participant.buffering === message.stalled) return; // repeated report: nothing new
  const { bufferingSince: _, ...rest } = joined.participant;
  joined.participant = message.stalled
    ? { ...rest, buffering: true, bufferingSince: arrival.receivedAt }
    : { ...rest, buffering: false };
  await io.ports.live.putParticipant(roomId, joined.participant);
  const { userId, name } = joined.participant;
  await announcePresence(io, roomId, {
    kind: message.stalled ? 'buffering' : 'ready',
    userId,
    name,
  });
  await applyBufferingPolicy(io, roomId, { userId, name });
};
