import { heldUntilStart, pendingStart } from '@kino/shared/schedule';
import type { PlayerRoom } from '../player/player-hook';
import type { RoomConnection } from './connection';

/** The room as the player hook sees it. */
export function playerRoomOf(connection: RoomConnection): PlayerRoom {
  return {
    // Before a scheduled start the player waits paused at 0 (the anchor is in the future);
    // at the moment itself the same anchor starts everyone together.
    playback: () => {
      const playback = connection.view.value.playback;
      return playback && heldUntilStart(playback, connection.serverNow());
    },
    // Before a scheduled start only the owner may start it early (the server agrees): a
    // member's play is put back at once instead of being refused by the server.
    canControl: () => {
      const { you, playback } = connection.view.value;
      if (!you?.canControl) return false;
      return you.isOwner || pendingStart(playback, connection.serverNow()) === null;
    },
    serverNow: () => connection.serverNow(),
    // Until the first pong the local clock stands in for the server's: the hook then
    // leaves a command's `at` out and the server anchors it on arrival.
    clockReady: () => connection.clock.ready,
    sendCommand: (command) => connection.sendCommand(command),
    setBuffering: (stalled) => connection.setBuffering(stalled),
    onPlayback: (listener) =>
      connection.onMessage((msg) => {
        if (msg.type === 'playback' || msg.type === 'welcome') listener();
      }),
  };
}
