import type { FloatingReaction } from '../room/room-state';

/** Reactions rising over the video; `left` spreads them so bursts don't stack. */
export function FloatingReactions({ items }: { items: FloatingReaction[] }) {
  return (
    <div class="kv-float-area" aria-hidden="true">
      {items.map((item) => (
        <span
          key={item.id}
          class="kv-float"
          title={item.name}
          style={{ left: `${10 + (hash(item.id) % 80)}%` }}
        >
          {item.emoji}
        </span>
      ))}
    </div>
  );
}

function hash(text: string): number {
  let h = 0;
  for (const ch of text) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return h;
}
