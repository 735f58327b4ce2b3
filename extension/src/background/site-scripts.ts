/**
 * Runs the overlay on the sites the user enabled (generic adapter). The user has
 * granted each origin as an optional host permission from the popup.
 */
import browser from 'webextension-polyfill';

const SCRIPT_ID = 'kino-generic-sites';

export function matchPatternOf(origin: string): string {
  const url = new URL(origin);
  return `${url.protocol}//${url.hostname}/*`;
}

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
        matches: origins.map(matchPatternOf),
        js: ['content-scripts/overlay.js'],
        runAt: 'document_idle',
      },
    ]);
    return { ok: true };
  } catch (error) {
    return { ok: false, error: String(error) };
  }
}
