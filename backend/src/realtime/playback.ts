/**
 * Play/pause/seek, buffering reports and settings: pure decisions from @kino/shared/room,
 * applied with a compare-and-set on the shared store, so two instances racing on one room
 * resolve by `seq`: the loser's client gets `stale` and the state that won.
 */

import { decideBuffering } from '@kino/shared/room/buffering';
import { canChangeSettings } from '@kino/shared/room/permissions';
import { applyCommand, initialPlayback } from '@kino/shared/room/playback-commands';
import type { PlaybackState } from '@kino/shared/types';
import type { Connection, JoinedRoom } from './connection.ts';
import { roomSettings } from './join.ts';
import type { Handler, RoomIO } from './room-io.ts';

async function currentPlayback(io: RoomIO, roomId: string): Promise<PlaybackState> {
  const stored = await io.ports.live.getPlayback(roomId);
  return stored ?? io.ports.live.initPlayback(roomId, initialPlayback(io.ports.now()));
}

function answerStale(io: RoomIO, connection: Connection, state: PlaybackState | null): void {
  io.fail(connection, 'stale', 'the room changed first; here is its current state');
  if (state) io.send(connection, { type: 'playback', playback: state, cause: null });
}

export const handlePlaybackCommand: Handler<'play' | 'pause' | 'seek'> = async (
  io,
  connection,
  command,
) => {
  const joined = connection.joined as JoinedRoom;
  const roomId = joined.room.id;
  const [settings, current] = await Promise.all([
    roomSettings(io.ports.live, roomId),
    currentPlayback(io, roomId),
  ]);
  const result = applyCommand(
    current,
    { action: command.type, baseSeq: command.baseSeq, position: command.position, at: command.at },
    { now: io.ports.now(), settings, isOwner: joined.isOwner },
  );
  if (!result.ok) {
    if (result.code === 'stale') return answerStale(io, connection, result.current);
    if (result.code === 'not_allowed') {
      return io.fail(connection, 'not_allowed', 'only the owner controls playback in this room');
    }
    return io.fail(connection, 'invalid_message', `${command.type}: invalid position`);
  }
  const cas = await io.ports.live.casPlayback(roomId, current.seq, result.next);
  // Another instance applied a command between our read and write: that one won.
  if (!cas.ok) return answerStale(io, connection, cas.state);
  const { userId, name } = joined.participant;
  await io.publish(roomId, {
    type: 'playback',
    playback: cas.state,
    cause: { userId, name, action: command.type },
  });
};

/** Applies the room's buffering policy after someone's buffering state changed. */
export async function applyBufferingPolicy(
  io: RoomIO,
  roomId: string,
  actor: { userId: string; name: string },
): Promise<void> {
  const [settings, playback, participants] = await Promise.all([
    roomSettings(io.ports.live, roomId),
    io.ports.live.getPlayback(roomId),
    io.ports.live.listParticipants(roomId),
  ]);
  if (!playback) return;
  const decision = decideBuffering({
    playback,
    policy: settings.bufferPolicy,
    anyoneBuffering: participants.some((p) => p.buffering),
    autoPausedSeq: io.autoPausedSeq.get(roomId) ?? null,
    now: io.ports.now(),
  });
  if (decision.action === 'none') return;
  const cas = await io.ports.live.casPlayback(roomId, playback.seq, decision.next);
  if (!cas.ok) return; // someone changed the room meanwhile; their change stands
  if (decision.action === 'wait-buffering') io.autoPausedSeq.set(roomId, cas.state.seq);
  else io.autoPausedSeq.delete(roomId);
  await io.publish(roomId, {
    type: 'playback',
    playback: cas.state,
    cause: { userId: actor.userId, name: actor.name, action: decision.action },
  });
}

export const handleBuffering: Handler<'buffering'> = async (io, connection, message) => {
  const joined = connection.joined as JoinedRoom;
  const roomId = joined.room.id;
  if (joined.participant.buffering === message.stalled) return; // repeated report: nothing new
  joined.participant = { ...joined.participant, buffering: message.stalled };
  await io.ports.live.putParticipant(roomId, joined.participant);
  const { userId, name } = joined.participant;
  await io.publish(roomId, {
    type: 'presence',
    participants: await io.ports.live.listParticipants(roomId),
    event: { kind: message.stalled ? 'buffering' : 'ready', userId, name },
  });
  await applyBufferingPolicy(io, roomId, { userId, name });
};

export const handleSettings: Handler<'settings'> = async (io, connection, message) => {
  const joined = connection.joined as JoinedRoom;
  if (!canChangeSettings(joined.isOwner)) {
    return io.fail(connection, 'not_allowed', 'only the owner changes room settings');
  }
  const roomId = joined.room.id;
  const current = await roomSettings(io.ports.live, roomId);
  const settings = {
    controlMode: message.controlMode ?? current.controlMode,
    bufferPolicy: message.bufferPolicy ?? current.bufferPolicy,
  };
  await io.ports.live.setSettings(roomId, settings);
  await io.publish(roomId, { type: 'settings', settings });
  if (settings.bufferPolicy === 'wait' && current.bufferPolicy !== 'wait') {
    const { userId, name } = joined.participant;
    await applyBufferingPolicy(io, roomId, { userId, name });
  }
};
