import type { ChatMessage } from '@kino/shared/types';
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { t } from '../i18n';
import type { PendingChat } from '../room/room-state';

interface Props {
  messages: ChatMessage[];
  pending: PendingChat[];
  hasMore: boolean;
  loadingHistory: boolean;
  canSend: boolean;
  onSend: (text: string) => void;
  onLoadOlder: () => void;
}

/** Named chat; scrolling to the top pages back through history. */
export function Chat(props: Props) {
  const list = useRef<HTMLOListElement>(null);
  const [draft, setDraft] = useState('');
  const texts = props.messages.filter((m) => m.kind === 'text');
  const pendingTexts = props.pending.filter((p) => p.kind === 'text');
  const newest = texts.at(-1)?.id ?? '';
  const oldest = texts[0]?.id ?? '';
  const scrollFromBottom = useRef(0);

  // Keep the reader's place: new lines stick to the bottom, older pages keep position.
  useLayoutEffect(() => {
    const el = list.current;
    if (el) el.scrollTop = el.scrollHeight - el.clientHeight - scrollFromBottom.current;
  }, [newest, oldest, pendingTexts.length]);

  return (
    <section class="kv-chat" aria-label={t('chat')}>
      <ol
        ref={list}
        class="kv-messages"
        aria-label={t('chat')}
        onScroll={(event) => {
          const el = event.currentTarget;
          scrollFromBottom.current = el.scrollHeight - el.clientHeight - el.scrollTop;
          if (el.scrollTop < 24 && props.hasMore && !props.loadingHistory) props.onLoadOlder();
        }}
      >
        {props.hasMore && (
          <li class="kv-older">
            <button type="button" class="kv-link" onClick={props.onLoadOlder}>
              {props.loadingHistory ? t('loading') : t('loadOlder')}
            </button>
          </li>
        )}
        {texts.length === 0 && pendingTexts.length === 0 && (
          <li class="kv-muted">{t('noMessages')}</li>
        )}
        {texts.map((m) => (
          <li key={m.id} class="kv-message">
            <b>{m.name}</b> {m.text}
          </li>
        ))}
        {pendingTexts.map((p) => (
          <li key={p.id} class="kv-message kv-pending">
            {p.text} <span class="kv-muted">({t('sending')})</span>
          </li>
        ))}
      </ol>
      <form
        class="kv-composer"
        onSubmit={(event) => {
          event.preventDefault();
          if (!draft.trim()) return;
          props.onSend(draft);
          setDraft('');
        }}
      >
        <input
          type="text"
          class="kv-input"
          maxLength={500}
          value={draft}
          placeholder={t('chatPlaceholder')}
          aria-label={t('chatPlaceholder')}
          onInput={(event) => setDraft(event.currentTarget.value)}
        />
        <button type="submit" class="kv-button" disabled={!props.canSend || !draft.trim()}>
          {t('send')}
        </button>
      </form>
    </section>
  );
}
