import type { Participant } from '@kino/shared/types';
import { t } from '../i18n';

/** Who is here: one line per user (several tabs count once), buffering or an ad shown. */
export function Participants(props: {
  participants: Participant[];
  youId: string | null;
  ownerId: string | null;
}) {
  const byUser = new Map<string, { name: string; buffering: boolean; player?: 'ad' | 'none' }>();
  for (const p of props.participants) {
    const known = byUser.get(p.userId);
    byUser.set(p.userId, {
      name: p.name,
      buffering: (known?.buffering ?? false) || p.buffering,
      player: known ? undefined : p.player,
    });
  }
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
          </li>
        ))}
      </ul>
    </section>
  );
}
