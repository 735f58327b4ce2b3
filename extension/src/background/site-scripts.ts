/**
 * Runs the overlay on the sites the user enabled (generic adapter), for future visits
 * (registered content scripts) and in an open tab right away (injected, no reload). The user
 * has granted each origin's host permission from the popup.
 */
import browser from 'webextension-polyfill';
import { hostPattern } from '../../build-config';
import { OVERLAY_MARK } from '../features/overlay-presence';
import type { OverlayInjection } from '../messaging/messages';

const SCRIPT_ID = 'kino-generic-sites';
/** The overlay's content script as WXT builds it; it loads its own CSS into its shadow roots. */
export const OVERLAY_SCRIPT = 'content-scripts/overlay.js';

export async function registerSiteScripts(
  origins: string[],
): Promise<{ ok: boolean; error?: string }> {
  try {
    const registered = await browser.scripting.getRegisteredContentScripts({ ids: [SCRIPT_ID] });
    if (registered.length > 0)
      await browser.scripting.unregisterContentScripts({ ids: [SCRIPT_ID] });
    if (origins.length === 0) return { ok: true };
    await browser.scripting.registerContentScripts([
      {
        id: SCRIPT_ID,
        // Patterns carry no port (Firefox); the generic adapter checks the exact origin.
        matches: [...new Set(origins.map((origin) => hostPattern(origin)))],
        js: [OVERLAY_SCRIPT],
        runAt: 'document_idle',
      },
    ]);
    return { ok: true };
  } catch (error) {
    return { ok: false, error: String(error) };
  }
}

/** Runs in the tab, in our content scripts' world: where it is and whether we run there. */
function probeOverlay(mark: string): { origin: string; running: boolean } {
  return {
    origin: location.origin,
    running: (globalThis as Record<string, unknown>)[mark] === true,
  };
}

/** Starts the overlay in the tab, unless it shows another site by now or runs it already. */
export async function injectOverlay(tabId: number, origin: string): Promise<OverlayInjection> {
  const [probe] = await browser.scripting.executeScript({
    target: { tabId },
    func: probeOverlay,
    args: [OVERLAY_MARK],
  });
  const seen = probe?.result as { origin: string; running: boolean } | undefined;
  if (seen?.origin !== origin) return 'elsewhere';
  if (seen.running) return 'running';
  await browser.scripting.executeScript({ target: { tabId }, files: [OVERLAY_SCRIPT] });
  return 'injected';
}
