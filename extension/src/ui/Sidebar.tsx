import type { PlayerState } from '@kino/shared/protocol/player-state';
import { useLayoutEffect, useRef } from 'preact/hooks';
import { type MessageKey, t } from '../i18n';
import type { ConnectionStatus, RoomView } from '../room/room-state';
import { Icon } from './Icons';
import type { KnockState } from './knock-state';
import { LiveRoom } from './LiveRoom';
import { ResizeHandle } from './ResizeHandle';
import { RoomStateScreen } from './RoomStateScreen';
import type { FullscreenMode, ReplayModel, RoomFacts, SidebarActions } from './room-model';
import { isDeadEnd, type RoomScreen } from './room-screen';
import { Toasts } from './Toasts';

export type { SidebarActions } from './room-model';

const STATUS_TEXT: Record<ConnectionStatus, MessageKey> = {
  connecting: 'connecting',
  connected: 'connected',
  reconnecting: 'reconnecting',
  offline: 'offline',
  closed: 'offline',
};

export interface SidebarProps {
  view: RoomView;
  screen: RoomScreen;
  facts: RoomFacts;
  knock: KnockState;
  /** Whether this tab's player follows the room. Absent: it does. */
  player?: PlayerState;
  videoCount?: number;
  width: number;
  fullscreen: FullscreenMode;
  /** Move the focus here on mount (the user just expanded it). */
  takeFocus?: boolean;
  onCollapsedChange: (collapsed: boolean) => void;
  actions: SidebarActions;
  replay?: ReplayModel | undefined;
}

/**
 * The docked room sidebar (a complementary landmark): its header, toasts, and either
 * the live room or the one screen that says what happened and what to do next.
 */
export function Sidebar(props: SidebarProps) {
  const { view, screen, actions } = props;
  const collapseButton = useRef<HTMLButtonElement>(null);
  // At once, in the same task as the swap: a key pressed right after must land here.
  useLayoutEffect(() => {
    if (props.takeFocus) collapseButton.current?.focus();
  }, []);
  const live = screen.kind === 'live';
  const showStatus = live || screen.kind === 'connecting' || screen.kind === 'unreachable';
  return (
    <aside
      class="kv-sidebar"
      aria-label={t('sidebarTitle')}
      data-status={view.status}
      data-screen={screen.kind}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && !event.defaultPrevented) props.onCollapsedChange(true);
      }}
    >
      <ResizeHandle width={props.width} onResize={actions.resize} onDone={actions.resizeDone} />
      <header class="kv-sidebar-head">
        <div class="kv-title-block">
          <h2 class="kv-title">{t('sidebarTitle')}</h2>
          {showStatus && (
            <span class={`kv-status kv-status-${view.status}`} role="status">
              {t(STATUS_TEXT[view.status])}
            </span>
          )}
        </div>
        {screen.kind === 'live' && (
          <button
            type="button"
            class="kv-icon-button"
            aria-label={props.fullscreen === 'ours' ? t('exitFullscreen') : t('fullscreenWithChat')}
            aria-pressed={props.fullscreen === 'ours'}
            title={props.fullscreen === 'ours' ? t('exitFullscreen') : t('fullscreenWithChat')}
            onClick={actions.toggleFullscreen}
          >
            <Icon name={props.fullscreen === 'ours' ? 'exitFullscreen' : 'fullscreen'} />
          </button>
        )}
        <button
          ref={collapseButton}
          type="button"
          class="kv-icon-button"
          aria-label={t('collapse')}
          aria-expanded={true}
          title={t('collapse')}
          onClick={() => props.onCollapsedChange(true)}
        >
          <Icon name="collapse" />
        </button>
      </header>
      {!isDeadEnd(screen.kind) && <Toasts toasts={view.toasts} at="sidebar" />}
      {live ? (
        <LiveRoom
          view={view}
          actions={actions}
          player={props.player ?? 'attached'}
          videoCount={props.videoCount}
          replay={props.replay}
        />
      ) : (
        <RoomStateScreen
          screen={screen}
          view={view}
          facts={props.facts}
          knock={props.knock}
          actions={actions}
          replay={props.replay}
        />
      )}
    </aside>
  );
}
