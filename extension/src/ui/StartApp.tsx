import { useReducer } from 'preact/hooks';
import type { CreateRoomBody } from '../api/backend-client';
import type { ApiResult } from '../api/result';
import type { PersonRef, RoomInfo } from '../api/room-info';
import { StartPanel } from './StartPanel';
import { reduceStart } from './start-flow';
import { WatchButton } from './WatchButton';

/** What the button needs from the outside world (injected, so tests need no browser). */
export interface StartDeps {
  getToken(): Promise<string | null>;
  filmId: string;
  matches(token: string, filmId: string): Promise<ApiResult<PersonRef[]>>;
  createRoom(token: string, body: CreateRoomBody): Promise<ApiResult<RoomInfo>>;
  onRoomCreated(room: RoomInfo): void;
  /** Set while this tab is in a room: the button then just opens the sidebar. */
  inRoom: boolean;
  onOpenSidebar(): void;
}

export function StartApp({ deps }: { deps: StartDeps }) {
  const [state, dispatch] = useReducer(reduceStart, { kind: 'closed' });

  async function load() {
    dispatch({ type: 'open' });
    const token = await deps.getToken();
    if (!token) return dispatch({ type: 'signed-out' });
    const result = await deps.matches(token, deps.filmId);
    dispatch(
      result.ok
        ? { type: 'matches', matches: result.data }
        : { type: 'failed', error: result.error },
    );
  }

  async function start() {
    if (state.kind !== 'choose') return;
    dispatch({ type: 'start' });
    const token = await deps.getToken();
    if (!token) return dispatch({ type: 'signed-out' });
    const result = await deps.createRoom(token, {
      filmId: deps.filmId,
      invitees: state.selected,
      allowLinkJoin: state.allowLinkJoin,
    });
    if (!result.ok) return dispatch({ type: 'failed', error: result.error });
    dispatch({ type: 'started' });
    deps.onRoomCreated(result.data);
  }

  return (
    <div class="kv-start">
      <WatchButton
        expanded={state.kind !== 'closed'}
        onClick={() => {
          if (deps.inRoom) return deps.onOpenSidebar();
          if (state.kind === 'closed') void load();
          else dispatch({ type: 'close' });
        }}
      />
      <StartPanel
        state={state}
        dispatch={dispatch}
        onStart={() => void start()}
        onRetry={() => void load()}
      />
    </div>
  );
}
