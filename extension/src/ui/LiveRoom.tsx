import type { PlayerState } from '@kino/shared/protocol/player-state';
import { useState } from 'preact/hooks';
import { t } from '../i18n';
import type { RoomView } from '../room/room-state';
import { Chat } from './Chat';
import { KnockRequests } from './KnockRequests';
import { Participants } from './Participants';
import { ReactionBar } from './ReactionBar';
import { ReplaySwitch } from './ReplaySwitch';
import { RoomFooter } from './RoomFooter';
import { RoomSettingsPanel } from './RoomSettingsPanel';
import type { ReplayModel, SidebarActions } from './room-model';
import { ScheduleCountdown } from './ScheduleCountdown';

/** The room while it is on: people, chat, reactions, the owner's settings, room actions. */
export function LiveRoom({
  view,
  actions,
  player,
  videoCount = 0,
  replay,
}: {
  view: RoomView;
  actions: SidebarActions;
  player: PlayerState;
  videoCount?: number;
  replay?: ReplayModel | undefined;
}) {
  const connected = view.status === 'connected';
  return (
    <div class="kv-live">
      {view.you?.isOwner && <KnockRequests requests={view.knocks} onAnswer={actions.answerKnock} />}
      <Participants
        participants={view.participants}
        youId={view.you?.userId ?? null}
        ownerId={view.room?.ownerId ?? null}
        {...(view.you?.isOwner && connected ? { onRevoke: actions.revoke } : {})}
      />
      <ScheduleCountdown view={view} actions={actions} />
      {connected && player !== 'attached' && (
        <p class="kv-notice kv-player-note" role="status" data-player={player}>
          {t(player === 'ad' ? 'playerAdNote' : 'playerNoneNote')}
        </p>
      )}
      {videoCount > 1 && actions.switchVideo && (
        <button type="button" class="kv-button kv-switch-video" onClick={actions.switchVideo}>
          {t('switchVideo', { count: videoCount })}
        </button>
      )}
      {!connected && (
        <p class="kv-notice" role="status">
          {t('connectionLostNote')}
        </p>
      )}
      <ErrorNotice error={view.lastError} />
      <Chat
        messages={view.messages}
        pending={view.pending}
        hasMore={view.hasMore}
        loadingHistory={view.loadingHistory}
        canSend={true}
        onSend={actions.sendChat}
        onLoadOlder={actions.loadOlder}
      />
      <ReactionBar disabled={!connected} onReact={actions.sendReaction} />
      {replay && <ReplaySwitch on={replay.on} onChange={replay.set} />}
      {view.settings && (
        <RoomSettingsPanel
          settings={view.settings}
          isOwner={view.you?.isOwner ?? false}
          disabled={!connected}
          onChange={actions.changeSettings}
        />
      )}
      <RoomFooter isOwner={view.you?.isOwner ?? false} actions={actions} />
    </div>
  );
}

/** A refused message or command: said plainly, and dismissed by the user. */
function ErrorNotice({ error }: { error: RoomView['lastError'] }) {
  const [dismissed, setDismissed] = useState<RoomView['lastError']>(null);
  if (!error || error === dismissed) return null;
  const text =
    error.code === 'rate_limited' && error.message.includes('reactions')
      ? t('reactionLimit')
      : error.code === 'rate_limited'
        ? t('roomRateLimited')
        : error.code === 'knock_gone'
          ? t('knockGone')
          : t('errorGeneric', { message: error.message });
  return (
    <div class="kv-notice kv-notice-row" role="alert">
      <span>{text}</span>
      <button type="button" class="kv-link" onClick={() => setDismissed(error)}>
        {t('dismiss')}
      </button>
    </div>
  );
}
