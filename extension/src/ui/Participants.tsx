import type { Participant } from '@kino/shared/types';
import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../i18n';

/**
 * Who is here: one line per user (several tabs count once), buffering or an ad shown. The
 * owner may remove anyone else (`onRevoke`), after a confirmation in the line itself.
 */
export function Participants(props: {
  participants: Participant[];
  youId: string | null;
  ownerId: string | null;
  onRevoke?: (userId: string) => void;
}) {
  const [confirming, setConfirming] = useState<string | null>(null);
  const byUser = new Map<string, { name: string; buffering: boolean; player?: 'ad' | 'none' }>();
  for (const p of props.participants) {
    const known = byUser.get(p.userId);
    byUser.set(p.userId, {
      name: p.name,
      buffering: (known?.buffering ?? false) || p.buffering,
      player: known ? undefined : p.player,
    });
  }
  const { onRevoke } = props;
  return (
    <section aria-label={t('participants')}>
      <h3 class="kv-heading">{t('participants')}</h3>
      <ul class="kv-people">
        {[...byUser].map(([id, person]) => (
          <li key={id} class="kv-person" data-user-id={id} data-player={person.player}>
            <span class={person.buffering ? 'kv-dot kv-dot-wait' : 'kv-dot'} aria-hidden="true" />
            {person.name}
            {id === props.youId && <span class="kv-muted"> ({t('you')})</span>}
            {id === props.ownerId && <span class="kv-badge">{t('owner')}</span>}
            {person.player ? (
              <span class="kv-muted kv-player-off">
                {' · '}
                {t(person.player === 'ad' ? 'playerAd' : 'playerNone')}
              </span>
            ) : (
              person.buffering && <span class="kv-muted"> · {t('buffering')}</span>
            )}
            {onRevoke && id !== props.youId && confirming !== id && (
              <button
                type="button"
                class="kv-link kv-person-remove"
                aria-label={t('revokeLabel', { name: person.name })}
                title={t('revokeLabel', { name: person.name })}
                onClick={() => setConfirming(id)}
              >
                ×
              </button>
            )}
            {onRevoke && confirming === id && (
              <RevokeConfirm
                name={person.name}
                onYes={() => {
                  setConfirming(null);
                  onRevoke(id);
                }}
                onNo={() => setConfirming(null)}
              />
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** "Remove Boris? …" in the line itself: the focus moves to Remove, Cancel beside it. */
function RevokeConfirm(props: { name: string; onYes(): void; onNo(): void }) {
  const yes = useRef<HTMLButtonElement>(null);
  useEffect(() => yes.current?.focus(), []);
  return (
    <fieldset class="kv-revoke-confirm">
      <legend class="kv-sr-only">{t('revokeLabel', { name: props.name })}</legend>
      <p>{t('revokeConfirm', { name: props.name })}</p>
      <div class="kv-actions">
        <button ref={yes} type="button" class="kv-button kv-danger" onClick={props.onYes}>
          {t('revokeYes')}
        </button>
        <button type="button" class="kv-button" onClick={props.onNo}>
          {t('cancel')}
        </button>
      </div>
    </fieldset>
  );
}
