import { REACTIONS, type Reaction } from '@kino/shared/protocol';
import { t } from '../i18n';

export function ReactionBar(props: { disabled: boolean; onReact: (emoji: Reaction) => void }) {
  return (
    <div class="kv-reactions" role="toolbar" aria-label={t('reactions')}>
      {REACTIONS.map((emoji) => (
        <button
          key={emoji}
          type="button"
          class="kv-emoji"
          disabled={props.disabled}
          aria-label={t('react', { emoji })}
          onClick={() => props.onReact(emoji)}
        >
          {emoji}
        </button>
      ))}
    </div>
  );
}
