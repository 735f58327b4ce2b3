/**
 * Feature: while this tab is in a room, connect to it, drive the page's video,
 * and show the sidebar. Everything it starts is torn down by one AbortSignal
 * when the user leaves, the room request changes, or the page goes away.
 */
import { effect, signal } from '@preact/signals';
import { render } from 'preact';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createShadowRootUi } from 'wxt/utils/content-script-ui/shadow-root';
import type { RoomInfo } from '../api/room-info';
import { withoutInviteHash } from '../invite/invite-hash';
import { sendToBackground } from '../messaging/send';
import { attachPlayer } from '../player/player-hook';
import { watchVideo } from '../player/video-watcher';
import { RoomConnection } from '../room/connection';
import { playerRoomOf } from '../room/player-room';
import { webSocketUrl } from '../settings/settings';
import { RoomLayer, type VideoRect } from '../ui/RoomLayer';
import type { SidebarActions } from '../ui/Sidebar';
import { copyText } from './copy-text';
import { keepVisibleInFullscreen } from './fullscreen-host';
import type { OverlayState, RoomRequest } from './overlay-state';
import { reportCurrentRoom } from './report-room';
import { tabClientId } from './tab-client-id';
import { trackVideoRect } from './video-rect';

export function setupRoomLayer(ctx: ContentScriptContext, state: OverlayState): void {
  let session: AbortController | null = null;
  const stop = effect(() => {
    const request = state.room.value;
    session?.abort();
    session = null;
    if (!request) return;
    session = new AbortController();
    void startSession(ctx, state, request, session.signal);
  });
  ctx.onInvalidated(() => {
    stop();
    session?.abort();
  });
}

async function token(state: OverlayState): Promise<string | null> {
  const session = await state.adapter.getSession();
  state.session.value = session;
  return session?.accessToken ?? null;
}

async function startSession(
  ctx: ContentScriptContext,
  state: OverlayState,
  request: RoomRequest,
  signal: AbortSignal,
): Promise<void> {
  const connection = new RoomConnection({
    wsUrl: webSocketUrl(state.settings.backendUrl),
    roomId: request.roomId,
    invite: request.invite,
    clientId: tabClientId(),
    getToken: () => token(state),
  });
  signal.addEventListener('abort', () => connection.dispose(), { once: true });
  let info: RoomInfo | null = request.info;
  const videoRect = signal_<VideoRect | null>(null);

  const actions: SidebarActions = {
    sendChat: (text) => connection.sendChat(text),
    sendReaction: (emoji) => connection.sendReaction(emoji),
    loadOlder: () => connection.loadOlder(),
    changeSettings: (change) => connection.changeSettings(change),
    copyInvite: async () => copyText(info?.joinUrl ?? location.href),
    leave: () => {
      connection.leave();
      history.replaceState(history.state, '', withoutInviteHash(location.href));
      state.room.value = null;
    },
    closeRoom: async () => {
      const jwt = await token(state);
      if (jwt) await sendToBackground({ type: 'close-room', token: jwt, roomId: request.roomId });
    },
  };

  const ui = await createShadowRootUi(ctx, {
    name: 'kino-room',
    position: 'inline',
    anchor: 'body',
    append: 'last',
    onMount(container) {
      render(
        <RoomLayer
          view={connection.view}
          videoRect={videoRect}
          collapsed={state.sidebarCollapsed}
          actions={actions}
        />,
        container,
      );
      return container;
    },
    onRemove(container) {
      if (container) render(null, container);
    },
  });
  if (signal.aborted) return;
  ui.mount();
  signal.addEventListener('abort', () => ui.remove(), { once: true });
  keepVisibleInFullscreen(ui.shadowHost, signal);

  const playerRoom = playerRoomOf(connection);
  let playerScope: AbortController | null = null;
  // Once the room is over (closed, refused), the video is the user's own again.
  const playerLife = new AbortController();
  signal.addEventListener('abort', () => playerLife.abort(), { once: true });
  const stopWatchingEnd = effect(() => {
    if (connection.ended.value) playerLife.abort();
  });
  playerLife.signal.addEventListener('abort', () => stopWatchingEnd(), { once: true });
  watchVideo(
    () => state.adapter.findVideo(document),
    (video) => {
      playerScope?.abort();
      playerScope = null;
      if (!video || playerLife.signal.aborted) return;
      playerScope = new AbortController();
      attachPlayer(video, playerRoom, { autoplay: request.autoplay }, playerScope.signal);
      trackVideoRect(video, videoRect, playerScope.signal);
    },
    playerLife.signal,
  );
  playerLife.signal.addEventListener('abort', () => playerScope?.abort(), { once: true });

  if (!info) {
    const jwt = await token(state);
    const result = jwt
      ? await sendToBackground({ type: 'get-room', token: jwt, roomId: request.roomId })
      : null;
    if (result?.ok) info = result.data;
  }
  reportCurrentRoom(connection.view, () => info, request.roomId, signal);
}

// `signal` the function name is taken by the AbortSignal parameter above.
const signal_ = signal;
