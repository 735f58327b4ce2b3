/**
 * Feature: while this tab is in a room, connect to it, drive the page's video, and
 * show the room layer. Everything a session starts is torn down by one AbortSignal
 * when the user leaves, the room request changes (also "try again"), or the page goes.
 */
import { effect } from '@preact/signals';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { OverlayState } from './overlay-state';
import { startRoomSession } from './room-session';

export function setupRoomLayer(ctx: ContentScriptContext, state: OverlayState): void {
  let session: AbortController | null = null;
  const stop = effect(() => {
    const request = state.room.value;
    session?.abort();
    session = null;
    if (!request) return;
    session = new AbortController();
    void startRoomSession(ctx, state, request, session.signal);
  });
  ctx.onInvalidated(() => {
    stop();
    session?.abort();
  });
}
