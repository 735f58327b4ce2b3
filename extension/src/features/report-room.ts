/** Tells the background which room this tab is in and how it is, for the popup. */

import type { RoomView as RoomInfo } from '@kino/shared/http/rooms';
import { effect, type Signal } from '@preact/signals';
import type { CurrentRoom } from '../messaging/messages';
import { sendToBackground } from '../messaging/send';
import type { RoomView } from '../room/room-state';
import type { RoomFacts } from '../ui/room-model';
import type { RoomScreenKind } from '../ui/room-screen';

export interface RoomContext {
  info: RoomInfo | null;
  facts: RoomFacts;
  screen: RoomScreenKind;
}

export function summarizeRoom(view: RoomView, context: RoomContext, roomId: string): CurrentRoom {
  const { info, facts, screen } = context;
  const people = screen === 'live' ? [...new Set(view.participants.map((p) => p.name))] : [];
  return {
    roomId,
    filmTitle: info?.filmTitle ?? facts.filmTitle ?? '',
    filmUrl: info?.filmUrl ?? location.href,
    joinUrl: info?.joinUrl ?? null,
    you: view.you ? { id: view.you.userId, name: view.you.name } : null,
    people,
    status: view.status,
    screen,
  };
}

export function reportCurrentRoom(
  view: Signal<RoomView>,
  context: () => RoomContext,
  roomId: string,
  signal: AbortSignal,
): void {
  let last = '';
  const stop = effect(() => {
    const summary = summarizeRoom(view.value, context(), roomId);
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
