/**
 * Feature: the Watch together button next to the player, mounted whenever the
 * adapter's anchor exists (and again whenever the page re-renders it).
 */
import { render } from 'preact';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createShadowRootUi } from 'wxt/utils/content-script-ui/shadow-root';
import { sendToBackground } from '../messaging/send';
import { StartApp } from '../ui/StartApp';
import { autoMountAt } from './auto-mount';
import { leaveRoom } from './leave-room';
import type { OverlayState } from './overlay-state';

export async function setupWatchButton(
  ctx: ContentScriptContext,
  state: OverlayState,
): Promise<void> {
  const { adapter } = state;
  const ui = await createShadowRootUi(ctx, {
    name: 'kino-watch-together',
    position: 'inline',
    anchor: () => adapter.buttonAnchor(document),
    append: adapter.buttonPlacement,
    isolateEvents: true,
    onMount(container) {
      const App = () => (
        <StartApp
          deps={{
            film: () => adapter.film(document, new URL(location.href)),
            getToken: async () => {
              const session = await adapter.getSession();
              state.session.value = session;
              return session?.accessToken ?? null;
            },
            matches: (token, film) => sendToBackground({ type: 'matches', token, film }),
            createRoom: (token, body) => sendToBackground({ type: 'create-room', token, body }),
            onRoomCreated: (room) => {
              state.sidebarCollapsed.value = false;
              // A scheduled room starts by itself at its moment: pressing play now would start it early.
              state.room.value = { roomId: room.id, info: room, autoplay: room.startsAt === null };
            },
            roomScreen: state.roomScreen,
            onOpenSidebar: () => {
              state.sidebarCollapsed.value = false;
            },
            leaveRoom: () => leaveRoom(state),
            openRequests: state.startRequests,
          }}
        />
      );
      render(<App />, container);
      return container;
    },
    onRemove(container) {
      if (container) render(null, container);
    },
  });
  autoMountAt(
    () => adapter.buttonAnchor(document),
    ui,
    ctx.signal,
    document,
    adapter.buttonPlacement,
  );
}
