import { t } from '../i18n';
import type { FloatingReaction } from '../room/room-state';
import { isReaction, ReactionImage } from './reactions/ReactionImage';

/**
 * Reactions rising over the video, each with who sent it; a replayed one (sent earlier, at
 * this moment of the film) says so. `left` spreads a burst so
 * they don't stack; the motion is CSS and stops for prefers-reduced-motion.
 */
export function FloatingReactions({
  items,
}: {
  items: (FloatingReaction & { replay?: boolean })[];
}) {
  return (
    <div class="kv-float-area" aria-hidden="true">
      {items.map((item) => (
        <div
          key={item.replay ? `replay-${item.id}` : item.id}
          class={item.replay ? 'kv-float kv-float-replay' : 'kv-float'}
          data-emoji={item.emoji}
          title={t('reactionBy', { name: item.name })}
          style={{
            left: `${8 + (hash(item.id) % 76)}%`,
            '--kv-sway': `${(hash(item.id) % 5) - 2}`,
          }}
        >
          {isReaction(item.emoji) ? (
            <ReactionImage emoji={item.emoji} size={72} class="kv-float-image" />
          ) : (
            <span class="kv-float-image">{item.emoji}</span>
          )}
          <span class="kv-float-name">
            {item.name}
            {item.replay && <span class="kv-float-badge"> · {t('replayBadge')}</span>}
          </span>
        </div>
      ))}
    </div>
  );
}

function hash(text: string): number {
  let h = 0;
  for (const ch of text) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return h;
}
