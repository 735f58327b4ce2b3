/**
 * Mounts a UI whenever its anchor exists and it is not on the page, so pages that
 * re-render their markup (SPA navigation, player rebuilds) get the button back.
 * WXT's own autoMount only takes a selector; adapters answer with an element.
 */
export interface Mountable {
  mount(): void;
  remove(): void;
  readonly shadowHost: HTMLElement;
}

export function autoMountAt(
  findAnchor: () => Element | null,
  ui: Mountable,
  signal: AbortSignal,
  root: Node = document,
  placement: 'last' | 'after' = 'last',
): void {
  const placed = (anchor: Element) =>
    placement === 'after'
      ? anchor.nextElementSibling === ui.shadowHost
      : anchor.contains(ui.shadowHost);
  let scheduled = false;
  const check = () => {
    scheduled = false;
    if (signal.aborted) return;
    const anchor = findAnchor();
    const mounted = ui.shadowHost.isConnected;
    if (anchor && !mounted) ui.mount();
    else if (!anchor && mounted) ui.remove();
    else if (anchor && mounted && !placed(anchor)) {
      ui.remove();
      ui.mount();
    }
  };
  const observer = new MutationObserver(() => {
    if (scheduled) return;
    scheduled = true;
    queueMicrotask(check);
  });
  observer.observe(root, { childList: true, subtree: true });
  signal.addEventListener('abort', () => observer.disconnect(), { once: true });
  check();
}
