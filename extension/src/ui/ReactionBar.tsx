import { REACTIONS, type Reaction } from '@kino/shared/protocol';
import { useRef, useState } from 'preact/hooks';
import { t } from '../i18n';
import { ReactionImage } from './reactions/ReactionImage';

const NEXT: Record<string, (i: number, n: number) => number> = {
  ArrowRight: (i, n) => (i + 1) % n,
  ArrowDown: (i, n) => (i + 1) % n,
  ArrowLeft: (i, n) => (i - 1 + n) % n,
  ArrowUp: (i, n) => (i - 1 + n) % n,
  Home: () => 0,
  End: (_, n) => n - 1,
};

/** The reaction buttons: one Tab stop, arrow keys move between them (a toolbar). */
export function ReactionBar(props: { disabled: boolean; onReact: (emoji: Reaction) => void }) {
  const [current, setCurrent] = useState(0);
  const bar = useRef<HTMLDivElement>(null);
  return (
    <div
      ref={bar}
      class="kv-reactions"
      role="toolbar"
      aria-label={t('reactions')}
      onKeyDown={(event) => {
        const step = NEXT[event.key];
        if (!step) return;
        event.preventDefault();
        const next = step(current, REACTIONS.length);
        setCurrent(next);
        bar.current?.querySelectorAll<HTMLButtonElement>('button')[next]?.focus();
      }}
    >
      {REACTIONS.map((emoji, i) => (
        <button
          key={emoji}
          type="button"
          class="kv-emoji"
          tabIndex={i === current ? 0 : -1}
          disabled={props.disabled}
          aria-label={t('react', { emoji })}
          title={t('react', { emoji })}
          onClick={() => {
            setCurrent(i);
            props.onReact(emoji);
          }}
        >
          <ReactionImage emoji={emoji} size={26} />
        </button>
      ))}
    </div>
  );
}
