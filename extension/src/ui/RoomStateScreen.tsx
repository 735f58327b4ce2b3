import type { ComponentChildren } from 'preact';
import { type MessageKey, t } from '../i18n';
import type { RoomView } from '../room/room-state';
import { KnockDoor } from './KnockDoor';
import type { KnockState } from './knock-state';
import { ReplaySwitch } from './ReplaySwitch';
import type { ReplayModel, RoomFacts, SidebarActions } from './room-model';
import type { ClosedHow, RoomScreen } from './room-screen';

interface Props {
  screen: Exclude<RoomScreen, { kind: 'live' }>;
  view: RoomView;
  facts: RoomFacts;
  /** The request to join (the not-invited screen's Knock button). */
  knock: KnockState;
  actions: SidebarActions;
  /** The room's reactions can still be replayed over the film (a closed room). */
  replay?: ReplayModel | undefined;
}

const CLOSED_TITLE: Record<ClosedHow, MessageKey> = {
  'closed-by-owner': 'roomClosed',
  expired: 'roomExpired',
  'already-closed': 'roomAlreadyClosed',
};

/**
 * One screen per state the room can be in besides "on": what happened, in plain words,
 * and the next step as a button. Nothing here looks live when the room is not.
 */
export function RoomStateScreen({ screen, view, facts, knock, actions, replay }: Props) {
  const close = (
    <button type="button" class="kv-button" onClick={actions.leave}>
      {t('close')}
    </button>
  );
  /** A state that may pass by itself or by trying again: the reason, Retry first, Close. */
  const retryable = (title: MessageKey, body: string, retry: MessageKey) => (
    <Screen title={t(title)}>
      {body && <p>{body}</p>}
      <Actions>
        <button type="button" class="kv-button kv-primary" onClick={actions.retry}>
          {t(retry)}
        </button>
        {close}
      </Actions>
    </Screen>
  );
  switch (screen.kind) {
    case 'connecting':
      return (
        <Screen title={t('connectingTitle')} role="status">
          <div class="kv-spinner" aria-hidden="true" />
          <Actions>
            <button type="button" class="kv-button" onClick={actions.leave}>
              {t('cancel')}
            </button>
          </Actions>
        </Screen>
      );
    case 'unreachable':
      return retryable('unreachableTitle', t('unreachableBody'), 'retryNow');
    case 'signed-out':
      return retryable('signedOutTitle', t('signedOutBody'), 'retry');
    case 'forbidden':
      return (
        <Screen title={t('forbiddenTitle')}>
          {facts.filmTitle && (
            <p class="kv-summary-film">{t('summaryFilm', { film: facts.filmTitle })}</p>
          )}
          {facts.ownerName && (
            <p class="kv-screen-host">{t('forbiddenHost', { owner: facts.ownerName })}</p>
          )}
          <KnockDoor state={knock} ownerName={facts.ownerName} onKnock={actions.knock} />
          <Actions slot="ask-to-join">{close}</Actions>
        </Screen>
      );
    case 'revoked':
      return (
        <Screen title={t('revokedTitle')}>
          {facts.filmTitle && (
            <p class="kv-summary-film">{t('summaryFilm', { film: facts.filmTitle })}</p>
          )}
          <p>{t('revokedBody')}</p>
          <Actions>{close}</Actions>
        </Screen>
      );
    case 'not-found':
      return (
        <Screen title={t('notFoundTitle')}>
          <p>{t('notFoundBody')}</p>
          <Actions>{close}</Actions>
        </Screen>
      );
    case 'outdated':
      return (
        <Screen title={t('outdatedTitle')}>
          <p>{t('outdatedBody')}</p>
          <Actions>{close}</Actions>
        </Screen>
      );
    case 'full':
      return retryable('roomFullTitle', t('roomFullBody'), 'retry');
    case 'too-many-tabs':
      return retryable('tooManyTabsTitle', t('tooManyTabsBody'), 'retry');
    case 'replaced':
      return retryable('replacedTitle', t('replacedBody'), 'useHere');
    case 'failed':
      return retryable('failedTitle', screen.message, 'retry');
    case 'closed':
      return (
        <Screen title={t(CLOSED_TITLE[screen.how])}>
          <ClosedSummary view={view} facts={facts} />
          {replay && (
            <>
              <p class="kv-replay-later">{t('replayLater')}</p>
              <ReplaySwitch on={replay.on} onChange={replay.set} />
            </>
          )}
          <Actions>
            <button type="button" class="kv-button kv-primary" onClick={actions.startNewRoom}>
              {t('startNewRoom')}
            </button>
            {close}
          </Actions>
        </Screen>
      );
  }
}

function Screen(props: { title: string; role?: 'alert' | 'status'; children: ComponentChildren }) {
  return (
    <section class="kv-screen">
      <p class="kv-screen-title" role={props.role ?? 'alert'}>
        {props.title}
      </p>
      {props.children}
    </section>
  );
}

function Actions({ slot, children }: { slot?: string; children: ComponentChildren }) {
  return (
    <div class="kv-actions kv-screen-actions" data-slot={slot}>
      {children}
    </div>
  );
}

/** What the room was: the film, who was there, how much was said. No live dots. */
function ClosedSummary({ view, facts }: { view: RoomView; facts: RoomFacts }) {
  const names = [...new Set(view.participants.map((p) => p.name))];
  const said = view.messages.filter((m) => m.kind === 'text').length;
  return (
    <ul class="kv-summary">
      {facts.filmTitle && (
        <li class="kv-summary-film">{t('summaryFilm', { film: facts.filmTitle })}</li>
      )}
      {names.length > 0 && <li>{t('summaryPeople', { names: names.join(', ') })}</li>}
      {said > 0 && <li>{t('summaryChat', { count: said })}</li>}
    </ul>
  );
}
