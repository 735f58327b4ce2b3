import { useEffect, useRef } from 'preact/hooks';
import { t } from '../i18n';
import { Icon } from './Icons';
import type { PanelPlacement } from './panel-placement';
import { ScheduleField } from './ScheduleField';
import { choiceOk } from './schedule-choice';
import { canStart, type StartEvent, type StartState, startErrorMessage } from './start-flow';

export type { PanelPlacement } from './panel-placement';
export { placePanel } from './panel-placement';

interface Props {
  state: StartState;
  placement: PanelPlacement;
  dispatch: (event: StartEvent) => void;
  onClose: () => void;
  onStart: () => void;
  onRetry: () => void;
  onShowRoom: () => void;
  onLeaveAndStart: () => void;
  /** The clock the start time is checked against (ms). */
  now?: () => number;
  /** The list is all friends (a page room), not those who want this film. */
  allFriends?: boolean;
}

/** The panel under (or above) the Watch together button: matches, states, Start. */
export function StartPanel(props: Props) {
  const { state, placement } = props;
  const panel = useRef<HTMLDivElement>(null);
  // Each new state puts the focus on its first control, so keyboard users follow along.
  useEffect(() => {
    const first = panel.current?.querySelector<HTMLElement>(
      '.kv-panel-body input:not(:disabled), .kv-panel-body button:not(:disabled)',
    );
    first?.focus();
  }, [state.kind]);
  if (state.kind === 'closed') return null;
  return (
    <div
      ref={panel}
      class={`kv-panel kv-panel-${placement.side}`}
      style={{ maxHeight: `${placement.maxHeight}px` }}
      role="dialog"
      aria-label={t('watchTogether')}
      onKeyDown={(event) => {
        if (event.key === 'Escape') props.onClose();
      }}
    >
      <button
        type="button"
        class="kv-icon-button kv-panel-close"
        aria-label={t('close')}
        title={t('close')}
        onClick={props.onClose}
      >
        <Icon name="close" />
      </button>
      <div class="kv-panel-body">
        <PanelBody {...props} />
      </div>
    </div>
  );
}

function PanelBody(props: Props) {
  const { state, dispatch, onStart, onRetry, onShowRoom, onLeaveAndStart } = props;
  switch (state.kind) {
    case 'closed':
      return null;
    case 'in-room':
      return (
        <div>
          <p class="kv-panel-title">{t('inRoomTitle')}</p>
          <div class="kv-panel-actions">
            <button type="button" class="kv-button kv-primary" onClick={onShowRoom}>
              {t('showRoom')}
            </button>
            <button type="button" class="kv-button" onClick={onLeaveAndStart}>
              {t('leaveAndStart')}
            </button>
          </div>
        </div>
      );
    case 'loading':
      return (
        <p class="kv-muted" role="status">
          {t('loading')}
        </p>
      );
    case 'signed-out':
      return (
        <p class="kv-notice" role="alert">
          {t('notSignedIn')}
        </p>
      );
    case 'error':
      return (
        <div role="alert">
          <p class="kv-notice">{startErrorMessage(state.error, t)}</p>
          <button type="button" class="kv-button" onClick={onRetry}>
            {t('retry')}
          </button>
        </div>
      );
    case 'choose':
    case 'starting': {
      const busy = state.kind === 'starting';
      const now = (props.now ?? Date.now)();
      const later = state.schedule.later;
      return (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            onStart();
          }}
        >
          {state.matches.length > 0 ? (
            <fieldset class="kv-matches" disabled={busy}>
              <legend>{t(props.allFriends ? 'friendsTitle' : 'matchesTitle')}</legend>
              {state.matches.map((match) => (
                <label key={match.id} class="kv-match">
                  <input
                    type="checkbox"
                    name="invitee"
                    value={match.id}
                    checked={state.selected.includes(match.id)}
                    onChange={() => dispatch({ type: 'toggle', id: match.id })}
                  />
                  <span>{match.name}</span>
                </label>
              ))}
            </fieldset>
          ) : (
            <p class="kv-muted">{t(props.allFriends ? 'noFriends' : 'noMatches')}</p>
          )}
          <label class="kv-match">
            <input
              type="checkbox"
              name="allowLinkJoin"
              checked={state.allowLinkJoin}
              disabled={busy}
              onChange={() => dispatch({ type: 'toggle-link-join' })}
            />
            <span>
              {props.allFriends
                ? t('pageLinkRoomOffer')
                : state.matches.length > 0
                  ? t('allowLinkJoin')
                  : t('linkRoomOffer')}
            </span>
          </label>
          <ScheduleField
            choice={state.schedule}
            disabled={busy}
            now={now}
            onChange={(schedule) => dispatch({ type: 'schedule', schedule })}
          />
          <button
            type="submit"
            class="kv-button kv-primary"
            disabled={busy || !canStart(state) || !choiceOk(state.schedule, now)}
          >
            {busy ? t(later ? 'scheduling' : 'starting') : t(later ? 'schedule' : 'start')}
          </button>
        </form>
      );
    }
  }
}
