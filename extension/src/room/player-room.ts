import type { PlayerRoom } from '../player/player-hook';
import type { RoomConnection } from './connection';

/** The room as the player hook sees it. */
export function playerRoomOf(connection: RoomConnection): PlayerRoom {
  return {
    playback: () => connection.view.value.playback,
    canControl: () => connection.view.value.you?.canControl ?? false,
    serverNow: () => connection.serverNow(),
    sendCommand: (command) => connection.sendCommand(command),
    setBuffering: (stalled) => connection.setBuffering(stalled),
    onPlayback: (listener) =>
      connection.onMessage((msg) => {
        if (msg.type === 'playback' || msg.type === 'welcome') listener();
      }),
  };
}
