import { t } from '../i18n';
import { canStart, type StartEvent, type StartState, startErrorMessage } from './start-flow';

interface Props {
  state: StartState;
  dispatch: (event: StartEvent) => void;
  onStart: () => void;
  onRetry: () => void;
}

/** The panel under the Watch together button: matches, states, Start. */
export function StartPanel({ state, dispatch, onStart, onRetry }: Props) {
  if (state.kind === 'closed') return null;
  return (
    <div
      class="kv-panel"
      role="dialog"
      aria-label={t('watchTogether')}
      onKeyDown={(event) => {
        if (event.key === 'Escape') dispatch({ type: 'close' });
      }}
    >
      <button
        type="button"
        class="kv-icon-button kv-panel-close"
        aria-label={t('close')}
        onClick={() => dispatch({ type: 'close' })}
      >
        ×
      </button>
      <PanelBody state={state} dispatch={dispatch} onStart={onStart} onRetry={onRetry} />
    </div>
  );
}

function PanelBody({ state, dispatch, onStart, onRetry }: Props) {
  switch (state.kind) {
    case 'closed':
      return null;
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
      return (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            onStart();
          }}
        >
          {state.matches.length > 0 ? (
            <fieldset class="kv-matches" disabled={busy}>
              <legend>{t('matchesTitle')}</legend>
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
            <p class="kv-muted">{t('noMatches')}</p>
          )}
          <label class="kv-match">
            <input
              type="checkbox"
              name="allowLinkJoin"
              checked={state.allowLinkJoin}
              disabled={busy}
              onChange={() => dispatch({ type: 'toggle-link-join' })}
            />
            <span>{state.matches.length > 0 ? t('allowLinkJoin') : t('linkRoomOffer')}</span>
          </label>
          <button type="submit" class="kv-button kv-primary" disabled={busy || !canStart(state)}>
            {busy ? t('starting') : t('start')}
          </button>
        </form>
      );
    }
  }
}
