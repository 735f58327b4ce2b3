import type { PersonRef, RoomView as RoomInfo } from '@kino/shared/http/rooms';
import type { ReadonlySignal } from '@preact/signals';
import { useEffect, useReducer, useRef, useState } from 'preact/hooks';
import type { FilmRef } from '../adapters/types';
import type { CreateRoomBody } from '../api/backend-client';
import type { ApiResult } from '../api/result';
import { isDeadEnd, type RoomScreenKind } from './room-screen';
import { type PanelPlacement, placePanel, StartPanel } from './StartPanel';
import { defaultChoice, startsAtOf } from './schedule-choice';
import { reduceStart } from './start-flow';
import { WatchButton } from './WatchButton';

/** What the button needs from the outside world (injected, so tests need no browser). */
export interface StartDeps {
  getToken(): Promise<string | null>;
  /** Read when the panel opens and at Start (a page's title may change meanwhile). */
  film(): FilmRef | null;
  matches(token: string, film: FilmRef): Promise<ApiResult<PersonRef[]>>;
  createRoom(token: string, body: CreateRoomBody): Promise<ApiResult<RoomInfo>>;
  onRoomCreated(room: RoomInfo): void;
  /** What this tab's room sidebar shows (null: the tab is in no room). */
  roomScreen: ReadonlySignal<RoomScreenKind | null>;
  onOpenSidebar(): void;
  leaveRoom(): void;
  /** Bumped from outside to open the panel ("Start a new room" in an ended room). */
  openRequests: ReadonlySignal<number>;
}

/** This page's address cannot name a film (not http/https, credentials in it, too long). */
const NO_FILM = { code: 'no_film', message: 'This page cannot be shared', status: 0 } as const;

export function StartApp({ deps }: { deps: StartDeps }) {
  const [state, dispatch] = useReducer(reduceStart, { kind: 'closed' });
  const [allFriends, setAllFriends] = useState(false);
  const [placement, setPlacement] = useState<PanelPlacement>({ side: 'below', maxHeight: 480 });
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  const measure = () => {
    const box = button.current?.getBoundingClientRect();
    if (box) setPlacement(placePanel(box, globalThis.innerHeight ?? 800));
  };

  async function load() {
    measure();
    dispatch({ type: 'open' });
    const token = await deps.getToken();
    if (!token) return dispatch({ type: 'signed-out' });
    const film = deps.film();
    if (!film) return dispatch({ type: 'failed', error: NO_FILM });
    const result = await deps.matches(token, film);
    setAllFriends('page' in film);
    dispatch(
      result.ok
        ? {
            type: 'matches',
            matches: result.data,
            tickAll: !('page' in film),
            schedule: defaultChoice(Date.now()),
          }
        : { type: 'failed', error: result.error },
    );
  }

  async function start() {
    if (state.kind !== 'choose') return;
    dispatch({ type: 'start' });
    const token = await deps.getToken();
    if (!token) return dispatch({ type: 'signed-out' });
    const film = deps.film();
    if (!film) return dispatch({ type: 'failed', error: NO_FILM });
    const result = await deps.createRoom(token, {
      ...film,
      invitees: state.selected,
      allowLinkJoin: state.allowLinkJoin,
      startsAt: startsAtOf(state.schedule),
    });
    if (!result.ok) return dispatch({ type: 'failed', error: result.error });
    dispatch({ type: 'started' });
    deps.onRoomCreated(result.data);
  }

  // "Start a new room" from an ended room's sidebar opens this panel, in view.
  useEffect(() => {
    let first = true;
    return deps.openRequests.subscribe(() => {
      if (first) {
        first = false;
        return;
      }
      root.current?.scrollIntoView?.({ block: 'center' });
      void load();
    });
  }, []);

  const close = () => {
    dispatch({ type: 'close' });
    button.current?.focus();
  };

  return (
    <div class="kv-start" ref={root}>
      <WatchButton
        buttonRef={button}
        expanded={state.kind !== 'closed'}
        onClick={() => {
          if (state.kind !== 'closed') return close();
          const room = deps.roomScreen.value;
          if (room && !isDeadEnd(room)) {
            measure();
            return dispatch({ type: 'in-room' });
          }
          // A room that is over is no reason to stop: leave its screen and start anew.
          if (room) deps.leaveRoom();
          void load();
        }}
      />
      <StartPanel
        state={state}
        allFriends={allFriends}
        placement={placement}
        dispatch={dispatch}
        onClose={close}
        onStart={() => void start()}
        onRetry={() => void load()}
        onShowRoom={() => {
          close();
          deps.onOpenSidebar();
        }}
        onLeaveAndStart={() => {
          deps.leaveRoom();
          void load();
        }}
      />
    </div>
  );
}
