/** The popup's side of enabling and disabling a site (background/site-access.ts does the rest). */
import browser from 'webextension-polyfill';
import { hostPattern } from '../../build-config';
import type { SiteDisableResult, SiteEnableResult } from '../messaging/messages';
import { sendToBackground } from '../messaging/send';

/**
 * Must be called straight from the click: browsers grant permissions only on a user gesture
 * (Firefox only within the handler itself). Both calls start at once because the browser's
 * prompt may close this popup: the background, told first, finishes the job on the user's
 * "Allow" even then.
 */
export function enableSite(origin: string, tabId: number): Promise<SiteEnableResult> {
  const finished = sendToBackground({ type: 'site:enable', origin, tabId });
  const asked = browser.permissions.request({ origins: [hostPattern(origin)] });
  return asked.then(
    async (granted) => {
      if (granted) return finished;
      await sendToBackground({ type: 'site:enable-cancel', origin });
      return { ok: false, reason: 'denied' } as const;
    },
    async (error: unknown) => {
      await sendToBackground({ type: 'site:enable-cancel', origin });
      return { ok: false, reason: 'failed', error: String(error) } as const;
    },
  );
}

export function disableSite(origin: string): Promise<SiteDisableResult> {
  return sendToBackground({ type: 'site:disable', origin });
}
