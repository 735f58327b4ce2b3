import type { ChatMessage } from '@kino/shared/types';
import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../i18n';

/**
 * A polite live region that reads out each new chat line from someone else ("Boris:
 * hello"). The list itself is not live: pages of older history would be read too.
 */
export function ChatAnnouncer({
  messages,
  youId,
}: {
  messages: ChatMessage[];
  youId: string | null;
}) {
  const [text, setText] = useState('');
  const newest = messages.at(-1);
  const seen = useRef<string | null>(newest?.id ?? null);
  useEffect(() => {
    if (!newest || newest.id === seen.current) return;
    seen.current = newest.id;
    if (newest.userId === youId) return;
    // A reaction reads as its emoji, which screen readers name ("Boris: smiling face…").
    setText(t('chatAnnounce', { name: newest.name, text: newest.text }));
  }, [newest?.id]);
  return (
    <div class="kv-sr-only" aria-live="polite" aria-atomic="true" data-testid="chat-announcer">
      {text}
    </div>
  );
}
