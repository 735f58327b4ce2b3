import { t } from '../i18n';
import { canKnock, type KnockState, refusalText, waitText } from './knock-state';
import { useNow } from './use-now';

interface Props {
  state: KnockState;
  ownerName: string | null;
  /** Local time (tests); by default the clock, for "open for 9 min". */
  now?: number;
  onKnock(): void;
}

/**
 * Knock to join, on the not-invited screen: the button, then what became of the request, in
 * a polite live region so the answer is read out when it comes.
 */
export function KnockDoor({ state, ownerName, onKnock, ...props }: Props) {
  const now = useNow(5000, props.now);
  const owner = ownerName ?? '';
  const showButton = canKnock(state) || state.phase === 'sending';
  return (
    <div class="kv-knock" data-knock={state.phase}>
      <div role="status" aria-live="polite" class="kv-knock-status">
        {state.phase === 'idle' && (
          <p>{ownerName ? t('knockExplain', { owner }) : t('knockExplainUnknown')}</p>
        )}
        {state.phase === 'pending' && (
          <>
            <p class="kv-knock-waiting">
              <span class="kv-spinner kv-spinner-small" aria-hidden="true" />
              {ownerName ? t('knockPending', { owner }) : t('knockPendingUnknown')}
            </p>
            <p class="kv-muted">
              {t('knockOpenFor', { wait: waitText((state.expiresAt - now) / 1000, t) })}
            </p>
          </>
        )}
        {state.phase === 'approved' && <p>{t('knockApproved')}</p>}
        {state.phase === 'declined' && <p>{t('knockDeclined')}</p>}
        {state.phase === 'expired' && <p>{t('knockExpired')}</p>}
        {state.phase === 'refused' && <p>{refusalText(state, t)}</p>}
      </div>
      {showButton && (
        <button
          type="button"
          class="kv-button kv-primary"
          disabled={state.phase === 'sending'}
          onClick={onKnock}
        >
          {state.phase === 'sending'
            ? t('knockSending')
            : state.phase === 'idle'
              ? t('knockButton')
              : t('knockAgain')}
        </button>
      )}
    </div>
  );
}
