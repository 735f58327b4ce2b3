/** Tells the background which room this tab is in, for the popup. */
import { effect, type Signal } from '@preact/signals';
import type { RoomInfo } from '../api/room-info';
import type { CurrentRoom } from '../messaging/messages';
import { sendToBackground } from '../messaging/send';
import type { RoomView } from '../room/room-state';

export function summarizeRoom(view: RoomView, info: RoomInfo | null, roomId: string): CurrentRoom {
  const people = [...new Set(view.participants.map((p) => p.name))];
  return {
    roomId,
    filmTitle: info?.filmTitle ?? view.room?.filmId ?? '',
    filmUrl: info?.filmUrl ?? location.href,
    joinUrl: info?.joinUrl ?? null,
    you: view.you ? { id: view.you.userId, name: view.you.name } : null,
    people,
    status: view.status,
  };
}

export function reportCurrentRoom(
  view: Signal<RoomView>,
  info: () => RoomInfo | null,
  roomId: string,
  signal: AbortSignal,
): void {
  let last = '';
  const stop = effect(() => {
    const summary = summarizeRoom(view.value, info(), roomId);
    const key = JSON.stringify(summary);
    if (key === last) return; // chat traffic alone does not change the summary
    last = key;
    void sendToBackground({ type: 'current-room:set', room: summary }).catch(() => {});
  });
  signal.addEventListener(
    'abort',
    () => {
      stop();
      void sendToBackground({ type: 'current-room:set', room: null }).catch(() => {});
    },
    { once: true },
  );
}
