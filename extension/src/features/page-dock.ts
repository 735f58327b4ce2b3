/**
 * Makes room for the docked sidebar instead of covering the film: while in a room the
 * page's root gets a right margin as wide as the open sidebar, so the cinema lays
 * itself out in the rest (what the leading watch-party extensions do); collapsing
 * gives the width back. The same width is kept free at the right of the player's
 * container in "full screen with chat". One <style> of ours in the page, removed on
 * abort; players that size themselves on window resize are told with a resize event.
 */
import { effect, type ReadonlySignal } from '@preact/signals';

/** Marks the player container we put in full screen, and its video. */
export const FULLSCREEN_ATTR = 'data-kino-fullscreen';
export const VIDEO_ATTR = 'data-kino-video';
const DOCKED_ATTR = 'data-kino-docked';
const WIDTH_VAR = '--kino-dock-width';

const PAGE_CSS = `
html[${DOCKED_ATTR}] { margin-right: var(${WIDTH_VAR}, 0px) !important; }
[${FULLSCREEN_ATTR}]:fullscreen {
  display: flex !important; align-items: center !important; justify-content: center !important;
  box-sizing: border-box !important; padding: 0 var(${WIDTH_VAR}, 0px) 0 0 !important;
  background: #000 !important;
}
[${FULLSCREEN_ATTR}]:fullscreen video[${VIDEO_ATTR}] {
  width: 100% !important; height: 100% !important; max-width: 100% !important;
  max-height: 100% !important; object-fit: contain !important; aspect-ratio: auto !important;
}`;

/**
 * Keeps the page's layout in step with `occupied` (the open sidebar's width, 0 when
 * collapsed) and reports the width of the page's own scrollbar (the sidebar sits just
 * left of it, so the page can still be scrolled by dragging).
 */
export function dockPage(
  occupied: ReadonlySignal<number>,
  onScrollbar: (width: number) => void,
  signal: AbortSignal,
  doc: Document = document,
): void {
  const root = doc.documentElement;
  const style = doc.createElement('style');
  style.id = 'kino-vmeste-page';
  style.textContent = PAGE_CSS;
  (doc.head ?? root).append(style);
  const view = doc.defaultView;
  const measure = () => onScrollbar(Math.max(0, (view?.innerWidth ?? 0) - root.clientWidth));
  let last = -1;
  const stop = effect(() => {
    const width = occupied.value;
    if (width === last) return;
    last = width;
    root.style.setProperty(WIDTH_VAR, `${width}px`);
    if (width > 0) root.setAttribute(DOCKED_ATTR, '');
    else root.removeAttribute(DOCKED_ATTR);
    // Players that lay out on window resize (not on their box's size) need telling.
    view?.dispatchEvent(new Event('resize'));
    measure();
  });
  view?.addEventListener('resize', measure, { passive: true, signal });
  signal.addEventListener(
    'abort',
    () => {
      stop();
      style.remove();
      root.removeAttribute(DOCKED_ATTR);
      root.style.removeProperty(WIDTH_VAR);
      view?.dispatchEvent(new Event('resize'));
    },
    { once: true },
  );
}
