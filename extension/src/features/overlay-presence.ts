/**
 * The overlay's presence in a page, as the background sees it before injecting: a mark in
 * our content scripts' own JavaScript world (the page cannot see or fake it). Injecting a
 * second copy would make WXT stop the first one — and with it a room in progress.
 * And on a site enabled from the popup: "Disable on this site" takes the overlay away from
 * the open page at once, without a reload.
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { SiteAdapter } from '../adapters/types';
import { onSettingsChanged } from '../settings/settings-store';

/** A property of the content scripts' global object while the overlay runs. */
export const OVERLAY_MARK = '__kinoVmesteOverlay';

type Marked = Record<string, unknown>;

export function markOverlayRunning(ctx: ContentScriptContext): void {
  (globalThis as Marked)[OVERLAY_MARK] = true;
  ctx.onInvalidated(() => {
    delete (globalThis as Marked)[OVERLAY_MARK];
  });
}

/** Stops everything the overlay runs here once the user disables this site. */
export function stopWhenSiteDisabled(
  ctx: ContentScriptContext,
  adapter: SiteAdapter,
  enabledAtStart = true,
): void {
  if (adapter.id !== 'generic') return;
  const origin = location.origin;
  // Only a site that was on and is now off: an overlay run for an invite on a site never
  // enabled (background/join-open.ts) stays through unrelated settings changes.
  let on = enabledAtStart;
  const unsubscribe = onSettingsChanged((settings) => {
    const now = settings.enabledOrigins.includes(origin);
    if (on && !now) ctx.abort('disabled on this site');
    on = now;
  });
  ctx.onInvalidated(unsubscribe);
}
