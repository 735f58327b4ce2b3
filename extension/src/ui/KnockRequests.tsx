import type { KnockRequest } from '@kino/shared/protocol';
import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../i18n';
import { waitText } from './knock-state';
import { useNow } from './use-now';

interface Props {
  requests: KnockRequest[];
  /** Local time (tests); by default the clock, so an expired request leaves the list. */
  now?: number;
  onAnswer(userId: string, approve: boolean): void;
}

/**
 * The owner's cards for people asking to join: who, whose friend they are (when the cinema
 * knows), Let in / Decline. A new request is read out by a polite live region.
 */
export function KnockRequests({ requests, onAnswer, ...props }: Props) {
  const now = useNow(5000, props.now);
  const open = requests.filter((r) => r.expiresAt > now);
  const announced = useRef(new Set<string>());
  const [announcement, setAnnouncement] = useState('');
  useEffect(() => {
    const fresh = open.filter((r) => !announced.current.has(`${r.userId}@${r.at}`));
    for (const r of fresh) announced.current.add(`${r.userId}@${r.at}`);
    if (fresh.length > 0) {
      setAnnouncement(fresh.map((r) => t('knockAnnounce', { name: r.name })).join('. '));
    }
  }, [open.map((r) => `${r.userId}@${r.at}`).join()]);
  return (
    <>
      <div class="kv-sr-only" aria-live="polite" aria-atomic="true" data-testid="knock-announcer">
        {announcement}
      </div>
      {open.length > 0 && (
        <section class="kv-knocks" aria-label={t('knocksTitle')}>
          <h3 class="kv-heading">{t('knocksTitle')}</h3>
          <ul class="kv-knock-list">
            {open.map((r) => (
              <li key={r.userId} class="kv-knock-card" data-user-id={r.userId}>
                <p class="kv-knock-who">{t('knockWho', { name: r.name })}</p>
                <p class="kv-muted">
                  {r.friendOf.length > 0
                    ? t('knockFriendOf', { names: r.friendOf.join(', ') })
                    : t('knockNoFriends')}
                  {' · '}
                  {t('knockLeft', { wait: waitText((r.expiresAt - now) / 1000, t) })}
                </p>
                <div class="kv-actions">
                  <button
                    type="button"
                    class="kv-button kv-primary"
                    aria-label={t('knockLetInLabel', { name: r.name })}
                    onClick={() => onAnswer(r.userId, true)}
                  >
                    {t('knockLetIn')}
                  </button>
                  <button
                    type="button"
                    class="kv-button"
                    aria-label={t('knockDeclineLabel', { name: r.name })}
                    onClick={() => onAnswer(r.userId, false)}
                  >
                    {t('knockDecline')}
                  </button>
                </div>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
