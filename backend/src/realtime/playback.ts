/**
 * Play/pause/seek and settings: pure decisions from @kino/shared/room, applied with a
 * compare-and-set on the room's record, so two instances racing on one room resolve by `seq`:
 * the loser's client gets `stale` and the state that won.
 */

import { bufferingAfterCommand, holdDeadline } from '@kino/shared/room/buffering';
import { canChangeSettings } from '@kino/shared/room/permissions';
import { applyCommand } from '@kino/shared/room/playback-commands';
import type { PlaybackState } from '@kino/shared/types';
import { applyBufferingPolicy } from './buffering.ts';
import type { JoinedConnection } from './connection.ts';
import { type Handler, type RoomIO, refOf } from './room-io.ts';
import { cachePlayback, loadRoom } from './room-state.ts';

function answerStale(
  io: RoomIO,
  connection: JoinedConnection,
  ref: string,
  state: PlaybackState | null,
): void {
  io.fail(connection, 'stale', 'the room changed first; here is its current state', { ref });
  if (state) io.send(connection, { type: 'playback', playback: state, cause: null });
}

export const handlePlaybackCommand: Handler<'play' | 'pause' | 'seek'> = async (
  io,
  connection,
  command,
  arrival,
) => {
  const { joined } = connection;
  const roomId = joined.room.id;
  const ref = refOf(command);
  const room = await loadRoom(io, roomId);
  const result = applyCommand(
    room.playback,
    { action: command.type, baseSeq: command.baseSeq, position: command.position, at: command.at },
    // Anchored where it arrived: time spent queued behind a slow store is not the user's.
    { now: arrival.receivedAt, settings: room.settings, isOwner: joined.isOwner },
  );
  if (!result.ok) {
    if (result.code === 'stale') return answerStale(io, connection, ref, result.current);
    if (result.code === 'not_allowed') {
      return io.fail(connection, 'not_allowed', 'only the owner controls playback in this room', {
        ref,
      });
    }
    return io.fail(connection, 'invalid_message', `${command.type}: invalid position`, { ref });
  }
  // A member's play or pause ends a buffering hold (their choice stands); a seek moves it.
  const buffering = bufferingAfterCommand(room.buffering, room.playback, command.type, result.next);
  const cas = await io.ports.record.casPlayback(roomId, room.playback.seq, result.next, buffering);
  // Another instance applied a command between our read and write: that one won.
  if (!cas.ok) return answerStale(io, connection, ref, cas.state);
  cachePlayback(io, roomId, cas.state);
  if (buffering) io.noteHold(roomId, holdDeadline(buffering, cas.state));
  const { userId, name } = joined.participant;
  io.broadcast(roomId, {
    type: 'playback',
    playback: cas.state,
    cause: { userId, name, action: command.type },
  });
};

export const handleSettings: Handler<'settings'> = async (io, connection, message) => {
  const { joined } = connection;
  const ref = refOf(message);
  if (!canChangeSettings(joined.isOwner)) {
    return io.fail(connection, 'not_allowed', 'only the owner changes room settings', { ref });
  }
  const roomId = joined.room.id;
  const current = (await loadRoom(io, roomId)).settings;
  const settings = {
    controlMode: message.controlMode ?? current.controlMode,
    bufferPolicy: message.bufferPolicy ?? current.bufferPolicy,
  };
  await io.ports.record.setSettings(roomId, settings);
  io.ports.live.setSettings(roomId, settings).catch(() => {}); // the copy the HTTP side reads
  io.broadcast(roomId, { type: 'settings', settings });
  if (settings.bufferPolicy !== current.bufferPolicy) {
    const { userId, name } = joined.participant;
    await applyBufferingPolicy(io, roomId, { userId, name });
  }
};
