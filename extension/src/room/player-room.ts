import { heldUntilStart } from '@kino/shared/schedule';
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
    canControl: () => connection.view.value.you?.canControl ?? false,
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
