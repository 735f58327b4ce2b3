/**
 * Follows the page's main video as players re-create their element or an SPA
 * swaps the page: calls `onVideo` whenever the adapter's answer changes.
 */
export function watchVideo(
  find: () => HTMLVideoElement | null,
  onVideo: (video: HTMLVideoElement | null) => void,
  signal: AbortSignal,
  root: Node = document,
): void {
  let current: HTMLVideoElement | null = null;
  let scheduled = false;
  const check = () => {
    scheduled = false;
    if (signal.aborted) return;
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
  observer.observe(root, { childList: true, subtree: true });
  // The generic adapter prefers a *playing* video, which no mutation announces.
  const playing = () => schedule();
  root.addEventListener('playing', playing, { capture: true, signal });
  signal.addEventListener('abort', () => observer.disconnect(), { once: true });
  check();
}
