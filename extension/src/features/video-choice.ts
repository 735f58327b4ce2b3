/**
 * Letting the user switch which of the page's videos follows the room, where the adapter
 * can list them (the generic adapter: several videos on one page, and our pick was not
 * theirs). The choice lasts while its element is on the page; then the adapter picks again.
 */
import { type Signal, signal } from '@preact/signals';
import type { SiteAdapter } from '../adapters/types';

export interface VideoChoice {
  /** How many candidate videos the page has now (the switch shows from two). */
  count: Signal<number>;
  /** The video to follow: the user's choice while it is on the page, else the adapter's. */
  find(): HTMLVideoElement | null;
  /** Moves to the next candidate after the one followed now. */
  next(): void;
  /** Called whenever the choice changes, to look again at once. */
  onChange(listener: () => void): void;
}

export function createVideoChoice(adapter: SiteAdapter, doc: Document = document): VideoChoice {
  const count = signal(0);
  let chosen: HTMLVideoElement | null = null;
  let current: HTMLVideoElement | null = null;
  const listeners = new Set<() => void>();
  const list = () => adapter.videos?.(doc) ?? [];
  return {
    count,
    find() {
      const candidates = list();
      count.value = candidates.length;
      if (chosen && !candidates.includes(chosen)) chosen = null;
      current = chosen ?? adapter.findVideo(doc);
      return current;
    },
    next() {
      const candidates = list();
      if (candidates.length < 2) return;
      const at = current ? candidates.indexOf(current) : -1;
      chosen = candidates[(at + 1) % candidates.length] ?? null;
      for (const listener of listeners) listener();
    },
    onChange: (listener) => listeners.add(listener),
  };
}
