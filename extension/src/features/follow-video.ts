/**
 * The page's video follows the room until the room is over; then it is the user's own again.
 * Which video: the adapter's main one, followed as players replace it (video-watcher.ts).
 * When it follows: not during an ad nor while the page jumps by itself (ad-gate.ts). The
 * room and this member are told whether the player follows (`player` presence); an ad also
 * counts as a stall for the room's buffering policy.
 */
import type { PlayerState } from '@kino/shared/protocol/player-state';
import { effect, type Signal } from '@preact/signals';
import { showsAd } from '../adapters/ad-markers';
import { gatePlayer } from '../player/ad-gate';
import { attachPlayer } from '../player/player-hook';
import { watchVideo } from '../player/video-watcher';
import type { RoomConnection } from '../room/connection';
import { playerRoomOf } from '../room/player-room';
import type { VideoRect } from '../ui/room-model';
import type { RoomRequest } from './overlay-state';
import type { VideoChoice } from './video-choice';
import { trackVideoRect } from './video-rect';

export function followVideo(
  connection: RoomConnection,
  request: RoomRequest,
  videoRect: Signal<VideoRect | null>,
  player: Signal<PlayerState>,
  choice: VideoChoice,
  signal: AbortSignal,
): void {
  const playerRoom = playerRoomOf(connection);
  let playerScope: AbortController | null = null;
  const playerLife = new AbortController();
  signal.addEventListener('abort', () => playerLife.abort(), { once: true });
  const stopWatchingEnd = effect(() => {
    if (connection.ended.value) playerLife.abort();
  });
  playerLife.signal.addEventListener('abort', () => stopWatchingEnd(), { once: true });
  // The creator's Start plays the film once; a player re-created later must not play again.
  let autoplay = request.autoplay === true;
  let adStall = false;
  const report = (next: PlayerState) => {
    if (playerLife.signal.aborted) return;
    const stalled = next === 'ad';
    if (stalled !== adStall) {
      adStall = stalled;
      connection.setBuffering(stalled);
    }
    if (player.value !== next) {
      player.value = next;
      connection.setPlayerState(next);
    }
  };
  // Reactions float over the video for as long as the layer is up.
  let rectScope: AbortController | null = null;
  const recheck = watchVideo(
    () => choice.find(),
    (video) => {
      rectScope?.abort();
      rectScope = null;
      if (video && !signal.aborted) {
        rectScope = new AbortController();
        trackVideoRect(video, videoRect, rectScope.signal);
      }
      playerScope?.abort();
      playerScope = null;
      if (playerLife.signal.aborted) return;
      if (!video) return report('none');
      playerScope = new AbortController();
      gatePlayer(
        video,
        {
          inAd: showsAd,
          report,
          shouldPlayAd: () => autoplay || playerRoom.playback()?.playing === true,
          attach(hookSignal) {
            attachPlayer(video, playerRoom, { autoplay }, hookSignal);
            autoplay = false;
          },
        },
        playerScope.signal,
      );
    },
    signal,
  );
  choice.onChange(recheck);
  signal.addEventListener('abort', () => rectScope?.abort(), { once: true });
  playerLife.signal.addEventListener('abort', () => playerScope?.abort(), { once: true });
}
