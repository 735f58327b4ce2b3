/**
 * One room session of a tab: the connection, the room layer (docked sidebar, reactions,
 * full screen), the player hook while the room is on, and what the popup is told.
 */
import type { PlayerState } from '@kino/shared/protocol/player-state';
import { computed, signal as createSignal, effect } from '@preact/signals';
import { render } from 'preact';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createShadowRootUi } from 'wxt/utils/content-script-ui/shadow-root';
import { sendToBackground } from '../messaging/send';
import { RoomConnection } from '../room/connection';
import { webSocketUrl } from '../settings/settings';
import { RoomLayer } from '../ui/RoomLayer';
import type { RoomLayerModel, SidebarActions, VideoRect } from '../ui/room-model';
import { roomScreen } from '../ui/room-screen';
import { clampSidebarWidth, sidebarWidthFor } from '../ui/sidebar-width';
import { copyText } from './copy-text';
import { followVideo } from './follow-video';
import { raiseLayer, setupFullscreen } from './fullscreen-host';
import { createKnockDoor } from './knock-door';
import { leaveRoom } from './leave-room';
import type { OverlayState, RoomRequest } from './overlay-state';
import { dockPage } from './page-dock';
import { attachReactionTimeline } from './reaction-timeline-wiring';
import { reportCurrentRoom } from './report-room';
import { factsFromInfo, factsFromRefusal } from './room-facts';
import { scheduleActions } from './schedule-actions';
import { loadSidebarWidth, saveSidebarWidth } from './sidebar-width-store';
import { tabClientId } from './tab-client-id';
import { createVideoChoice } from './video-choice';

async function token(state: OverlayState): Promise<string | null> {
  const session = await state.adapter.getSession();
  state.session.value = session;
  return session?.accessToken ?? null;
}

export async function startRoomSession(
  ctx: ContentScriptContext,
  state: OverlayState,
  request: RoomRequest,
  signal: AbortSignal,
): Promise<void> {
  const startedAt = Date.now();
  const connection = new RoomConnection({
    wsUrl: webSocketUrl(state.settings.backendUrl, request.roomId),
    roomId: request.roomId,
    clientId: tabClientId(),
    getToken: () => token(state),
  });
  // Ended because the user left (no room requested any more): say so to the room.
  // Otherwise (try again, page going away) just close; the server notices.
  signal.addEventListener(
    'abort',
    () => (state.room.value === null ? connection.leave() : connection.dispose()),
    { once: true },
  );
  let info = request.info;
  const facts = createSignal(factsFromInfo(info));

  // "Connecting" turns into "unreachable" with time alone: a clock for the screen rule.
  const now = createSignal(startedAt);
  const clock = setInterval(() => {
    now.value = Date.now();
  }, 1000);
  signal.addEventListener('abort', () => clearInterval(clock), { once: true });
  const screen = computed(() =>
    roomScreen({
      view: connection.view.value,
      ended: connection.ended.value,
      elapsedMs: now.value - startedAt,
    }),
  );
  const stopScreen = effect(() => {
    state.roomScreen.value = screen.value.kind;
  });
  signal.addEventListener(
    'abort',
    () => {
      stopScreen();
      state.roomScreen.value = null;
    },
    { once: true },
  );

  const width = createSignal(sidebarWidthFor(null, innerWidth));
  void loadSidebarWidth().then((chosen) => {
    if (chosen !== null) width.value = sidebarWidthFor(chosen, innerWidth);
  });
  window.addEventListener(
    'resize',
    () => {
      width.value = clampSidebarWidth(width.value, innerWidth);
    },
    { signal },
  );
  const edge = createSignal(0);
  const videoRect = createSignal<VideoRect | null>(null);
  const player = createSignal<PlayerState>('attached');
  const choice = createVideoChoice(state.adapter);
  let layer: HTMLElement | null = null;
  let host: HTMLElement | null = null;
  const fullscreen = setupFullscreen(
    () => state.adapter.findVideo(document),
    { host: () => host, layer: () => layer },
    signal,
  );
  dockPage(
    computed(() => (state.sidebarCollapsed.value ? 0 : width.value)),
    (scrollbar) => {
      edge.value = scrollbar;
    },
    signal,
  );

  const leave = () => leaveRoom(state);
  const schedule = scheduleActions(connection, request.roomId, () => token(state));
  // Not invited: knock, and once let in start again from hello (a new request object).
  const door = createKnockDoor({
    call: async (ask) => {
      const jwt = await token(state);
      if (!jwt) return { ok: false, error: { code: 'unauthorized', message: '', status: 401 } };
      return sendToBackground({ type: 'knock', token: jwt, roomId: request.roomId, ask });
    },
    onApproved: () => {
      state.room.value = { ...request };
    },
    signal,
  });
  const actions: SidebarActions = {
    sendChat: (text) => connection.sendChat(text),
    sendReaction: (emoji) => connection.sendReaction(emoji),
    loadOlder: () => connection.loadOlder(),
    changeSettings: (change) => connection.changeSettings(change),
    copyInvite: async () => copyText(info?.joinUrl ?? location.href),
    leave,
    closeRoom: async () => {
      // Closing a screening that has not started is cancelling it: invitees' calendars hear.
      if ((await schedule.cancelIfPending()) === null) return;
      const jwt = await token(state);
      if (jwt) await sendToBackground({ type: 'close-room', token: jwt, roomId: request.roomId });
    },
    // A new request object restarts the session (setupRoomLayer's effect).
    retry: () => {
      state.room.value = { ...request };
    },
    startNewRoom: () => {
      leave();
      state.startRequests.value++;
    },
    toggleFullscreen: () =>
      fullscreen.mode.value === 'ours' ? fullscreen.exit() : fullscreen.enterWithChat(),
    resize: (next) => {
      width.value = clampSidebarWidth(next, innerWidth);
    },
    resizeDone: () => saveSidebarWidth(width.value),
    ...schedule.actions,
    knock: () => void door.knock(),
    answerKnock: (userId, approve) =>
      connection.sendOwnerAction({ type: 'knock-answer', userId, approve }),
    revoke: (userId) => connection.sendOwnerAction({ type: 'revoke', userId }),
    switchVideo: () => choice.next(),
  };
  const timeline = attachReactionTimeline({
    adapter: state.adapter,
    connection,
    roomId: request.roomId,
    token: () => token(state),
    active: () => {
      const kind = screen.value.kind;
      return kind === 'live' ? connection.view.value.status === 'connected' : kind === 'closed';
    },
    signal,
  });
  const model: RoomLayerModel = {
    view: connection.view,
    screen,
    facts,
    videoRect,
    player,
    videoCount: choice.count,
    collapsed: state.sidebarCollapsed,
    width,
    edge,
    fullscreen: fullscreen.mode,
    knock: door.state,
    actions,
    timeline,
  };

  const ui = await createShadowRootUi(ctx, {
    name: 'kino-room',
    position: 'inline',
    anchor: 'body',
    append: 'last',
    // Keys typed in our chat must not reach the page's player shortcuts (space, f, m…).
    isolateEvents: true,
    onMount(container) {
      render(
        <RoomLayer
          model={model}
          onLayer={(el) => {
            layer = el;
            raiseLayer(el);
          }}
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
  host = ui.shadowHost;
  ui.mount();
  signal.addEventListener('abort', () => ui.remove(), { once: true });

  followVideo(connection, request, videoRect, player, choice, signal);

  if (!info) {
    const jwt = await token(state);
    const result = jwt
      ? await sendToBackground({ type: 'get-room', token: jwt, roomId: request.roomId })
      : null;
    if (result?.ok) info = result.data;
    facts.value = result?.ok
      ? factsFromInfo(result.data)
      : result?.error.code === 'room_forbidden' || result?.error.code === 'room_revoked'
        ? factsFromRefusal(result.error.details)
        : facts.value;
    // Knocked before (a reload, a second visit): show that request as it stands.
    if (result && !result.ok && result.error.code === 'room_forbidden') void door.resume();
  }
  if (signal.aborted) return;
  reportCurrentRoom(
    connection.view,
    () => ({ info, facts: facts.value, screen: screen.value.kind }),
    request.roomId,
    signal,
  );
}
