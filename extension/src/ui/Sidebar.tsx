import type { Reaction } from '@kino/shared/protocol';
import type { RoomSettings } from '@kino/shared/types';
import { useState } from 'preact/hooks';
import { type MessageKey, t } from '../i18n';
import type { ConnectionStatus, RoomView } from '../room/room-state';
import { Chat } from './Chat';
import { Participants } from './Participants';
import { ReactionBar } from './ReactionBar';
import { RoomSettingsPanel } from './RoomSettingsPanel';
import { Toasts } from './Toasts';

export interface SidebarActions {
  sendChat(text: string): void;
  sendReaction(emoji: Reaction): void;
  loadOlder(): void;
  changeSettings(change: Partial<RoomSettings>): void;
  copyInvite(): Promise<boolean>;
  leave(): void;
  closeRoom(): void;
}

const STATUS_TEXT: Record<ConnectionStatus, MessageKey> = {
  connecting: 'connecting',
  connected: 'connected',
  reconnecting: 'reconnecting',
  offline: 'offline',
  closed: 'offline',
};

interface Props {
  view: RoomView;
  collapsed: boolean;
  onCollapsedChange: (collapsed: boolean) => void;
  actions: SidebarActions;
}

/** The room sidebar: people, chat, reactions, connection state and room actions. */
export function Sidebar({ view, collapsed, onCollapsedChange, actions }: Props) {
  const [copied, setCopied] = useState(false);
  const connected = view.status === 'connected';
  if (collapsed) {
    return (
      <aside class="kv-sidebar kv-collapsed" data-status={view.status}>
        <button
          type="button"
          class="kv-button kv-primary"
          aria-label={t('expand')}
          aria-expanded={false}
          onClick={() => onCollapsedChange(false)}
        >
          ◀ {t('sidebarTitle')}
        </button>
        <Toasts toasts={view.toasts} />
      </aside>
    );
  }
  return (
    <aside
      class="kv-sidebar"
      aria-label={t('sidebarTitle')}
      data-status={view.status}
      onKeyDown={(event) => {
        if (event.key === 'Escape') onCollapsedChange(true);
      }}
    >
      <header class="kv-sidebar-head">
        <h2 class="kv-title">{t('sidebarTitle')}</h2>
        <span class={`kv-status kv-status-${view.status}`} role="status">
          {t(STATUS_TEXT[view.status])}
        </span>
        <button
          type="button"
          class="kv-icon-button"
          aria-label={t('collapse')}
          aria-expanded={true}
          onClick={() => onCollapsedChange(true)}
        >
          ▶
        </button>
      </header>
      {view.closedReason && (
        <p class="kv-notice" role="alert">
          {view.closedReason === 'expired' ? t('roomExpired') : t('roomClosed')}
        </p>
      )}
      {view.lastError && !view.closedReason && (
        <p class="kv-notice" role="alert">
          {t('errorGeneric', { message: view.lastError.message })}
        </p>
      )}
      <Participants
        participants={view.participants}
        youId={view.you?.userId ?? null}
        ownerId={view.room?.ownerId ?? null}
      />
      <Chat
        messages={view.messages}
        pending={view.pending}
        hasMore={view.hasMore}
        loadingHistory={view.loadingHistory}
        canSend={view.status !== 'closed'}
        onSend={actions.sendChat}
        onLoadOlder={actions.loadOlder}
      />
      <ReactionBar disabled={!connected} onReact={actions.sendReaction} />
      {view.settings && view.status !== 'closed' && (
        <RoomSettingsPanel
          settings={view.settings}
          isOwner={view.you?.isOwner ?? false}
          disabled={!connected}
          onChange={actions.changeSettings}
        />
      )}
      <footer class="kv-actions">
        <button
          type="button"
          class="kv-button"
          onClick={async () => setCopied(await actions.copyInvite())}
        >
          {copied ? t('copied') : t('copyInvite')}
        </button>
        <button type="button" class="kv-button" onClick={actions.leave}>
          {t('leave')}
        </button>
        {view.you?.isOwner && view.status !== 'closed' && (
          <button type="button" class="kv-button kv-danger" onClick={actions.closeRoom}>
            {t('closeRoom')}
          </button>
        )}
      </footer>
      <Toasts toasts={view.toasts} />
    </aside>
  );
}
