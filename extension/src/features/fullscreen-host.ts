/**
 * Full screen in a room. The player's own full-screen button is never interfered
 * with: whatever the page puts in full screen stays there. Our layer is a popover in
 * the browser's top layer, raised above whatever is full screen each time that
 * changes, so floating reactions and toasts show over a full-screen video in Chromium
 * and Firefox alike without touching the page. (Only painted: browsers make everything
 * outside the full-screen element inert, so nothing of ours is clickable there.)
 * "Full screen with chat" is ours: within the user's click it puts the player's
 * container in full screen and our host inside it, where the sidebar takes clicks;
 * page-dock.ts keeps the sidebar's width free in it. Leaving, the host goes home.
 */
import { signal as createSignal, type ReadonlySignal } from '@preact/signals';
import type { FullscreenMode } from '../ui/room-model';
import { FULLSCREEN_ATTR, VIDEO_ATTR } from './page-dock';

export interface FullscreenControl {
  mode: ReadonlySignal<FullscreenMode>;
  /** Must run inside the user's click or key press: browsers allow full screen only then. */
  enterWithChat(): void;
  exit(): void;
}

/** Puts `layer` (a popover) on top of the top layer, above a full-screen element. */
export function raiseLayer(layer: HTMLElement | null): void {
  if (!layer || typeof layer.showPopover !== 'function') return;
  try {
    if (layer.matches(':popover-open')) layer.hidePopover();
    layer.showPopover();
  } catch {
    // Not connected yet, or the browser refused: the layer stays a fixed overlay.
  }
}

export function setupFullscreen(
  findVideo: () => HTMLVideoElement | null,
  ui: { host: () => HTMLElement | null; layer: () => HTMLElement | null },
  signal: AbortSignal,
  doc: Document = document,
): FullscreenControl {
  const mode = createSignal<FullscreenMode>('none');
  let home: { parent: Node; next: Node | null } | null = null;
  /** Our host inside `container` (ours) or back where it was mounted (otherwise). */
  const placeHost = (container: Element | null) => {
    const host = ui.host();
    if (!host) return;
    if (container) {
      if (!home && host.parentNode) home = { parent: host.parentNode, next: host.nextSibling };
      if (host.parentNode !== container) container.append(host);
    } else if (home) {
      if (host.parentNode !== home.parent) home.parent.insertBefore(host, home.next);
      home = null;
    }
  };
  const unmark = () => {
    for (const el of doc.querySelectorAll(`[${FULLSCREEN_ATTR}], [${VIDEO_ATTR}]`)) {
      el.removeAttribute(FULLSCREEN_ATTR);
      el.removeAttribute(VIDEO_ATTR);
    }
  };
  const onChange = () => {
    const element = doc.fullscreenElement;
    if (!element) unmark();
    const ours = element?.hasAttribute(FULLSCREEN_ATTR) ?? false;
    placeHost(ours ? element : null);
    mode.value = !element ? 'none' : ours ? 'ours' : 'other';
    // Moving the host closed the popover; in any case it must go above the new element.
    raiseLayer(ui.layer());
  };
  doc.addEventListener('fullscreenchange', onChange, { signal });
  signal.addEventListener(
    'abort',
    () => {
      if (mode.value === 'ours') void doc.exitFullscreen().catch(() => {});
      placeHost(null);
      unmark();
    },
    { once: true },
  );

  return {
    mode,
    enterWithChat() {
      const video = findVideo();
      const container = video?.parentElement;
      if (!video || !container) return;
      unmark();
      container.setAttribute(FULLSCREEN_ATTR, '');
      video.setAttribute(VIDEO_ATTR, '');
      const request = () => container.requestFullscreen();
      // From the page's own full screen (our "Show chat" there) leave it first: still
      // within the click's activation, which exiting does not use up.
      const entered = doc.fullscreenElement ? doc.exitFullscreen().then(request) : request();
      void entered.catch(() => {
        if (doc.fullscreenElement !== container) unmark();
      });
    },
    exit() {
      if (doc.fullscreenElement) void doc.exitFullscreen().catch(() => {});
    },
  };
}
