/**
 * Feature: while this tab is in a room, connect to it, drive the page's video, and
 * show the room layer. Everything a session starts is torn down by one AbortSignal
 * when the user leaves, the room request changes (also "try again"), or the page goes.
 */
import { effect, untracked } from '@preact/signals';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { OverlayState } from './overlay-state';
import { startRoomSession } from './room-session';

export function setupRoomLayer(ctx: ContentScriptContext, state: OverlayState): void {
  let session: AbortController | null = null;
  const stop = effect(() => {
    const request = state.room.value;
    // Only the request restarts a session: whatever the old session's teardown (its UI
    // unmounting, its abort handlers) or the new one's setup reads must not become a reason
    // to run this again — that restarted sessions in a loop, each replacing the last (4010).
    untracked(() => {
      session?.abort();
      session = null;
      if (!request) return;
      session = new AbortController();
      void startRoomSession(ctx, state, request, session.signal);
    });
  });
  ctx.onInvalidated(() => {
    stop();
    session?.abort();
  });
}
