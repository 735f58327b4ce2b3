/**
 * Follows the page's main video as players re-create their element (a quality change, the
 * end of an ad break), an SPA swaps the page, or a web component builds its video inside its
 * shadow root: calls `onVideo` whenever the adapter's answer changes. Mutations inside open
 * shadow roots are watched too (they never reach the document's observer), as are `playing`
 * events there (media events do not cross a shadow boundary). Returns a function that looks
 * again (the user chose another video).
 */
import { collectVideos } from '../adapters/find-videos';

export function watchVideo(
  find: () => HTMLVideoElement | null,
  onVideo: (video: HTMLVideoElement | null) => void,
  signal: AbortSignal,
  root: Document | ShadowRoot = document,
): () => void {
  let current: HTMLVideoElement | null = null;
  let scheduled = false;
  const watched = new WeakSet<Node>();
  const check = () => {
    scheduled = false;
    if (signal.aborted) return;
    for (const shadow of collectVideos(root).shadowRoots) watch(shadow);
    const next = find();
    if (next === current) return;
    current = next;
    onVideo(next);
  };
  // Mutations come in bursts; one check per task is enough.
  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    queueMicrotask(check);
  };
  const observer = new MutationObserver(schedule);
  // The generic adapter prefers a *playing* video, which no mutation announces.
  function watch(node: Node): void {
    if (watched.has(node)) return;
    watched.add(node);
    observer.observe(node, { childList: true, subtree: true });
    node.addEventListener('playing', schedule, { capture: true, signal });
  }
  watch(root);
  signal.addEventListener('abort', () => observer.disconnect(), { once: true });
  check();
  return schedule;
}
