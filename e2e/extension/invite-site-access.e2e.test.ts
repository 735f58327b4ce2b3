/**
 * An invitee whose invite opens a page on a site the extension may not run on (a room for
 * "any film page", a site the invitee never enabled), in Chromium with the real toolbar
 * popup, in English and Russian: the page opens with nothing in it, so the toolbar button
 * carries a badge on that tab and the popup there says the invite is waiting and what to do;
 * enabled from there, the overlay takes the room in that page without a reload, and the
 * badge goes. Photographed into e2e/artifacts/popup/.
 */
import { beforeAll, describe, expect, setDefaultTimeout, test } from 'bun:test';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { signCinemaToken } from '@kino/cinema/token';
import { hasChromium } from '@kino/test-support/services';
import type { Page } from 'puppeteer-core';
import {
  type ActionBrowser,
  allowSiteInBrowserSettings,
  clickButton,
  launchActionBrowser,
  openActionPopup,
  POPUP_LOCALES,
  popupText,
  say,
  signInToCinema,
} from '../fixtures/action-popup.ts';
import { BACKEND_URL, CINEMA_URL } from '../fixtures/dev-stack.ts';
import { withVideoSiteStack } from '../fixtures/video-site.ts';

setDefaultTimeout(120_000);

const ARTIFACTS = join(import.meta.dir, '../artifacts/popup');

/** Anna's room for the page, inviting Boris: its join link. */
async function roomForPage(url: string): Promise<string> {
  const response = await fetch(`${BACKEND_URL}/api/rooms`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${await signCinemaToken({ sub: 'anna', name: 'Анна' })}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify({ page: { url, title: 'Video club' }, invitees: ['boris'] }),
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { joinUrl: string }).joinUrl;
}

/** The toolbar button's badge on `page`'s tab, as the extension's worker reads it. */
async function badgeOf(ab: ActionBrowser, page: Page): Promise<string> {
  await page.bringToFront();
  const target = await ab.browser.waitForTarget(
    (t) =>
      t.type() === 'service_worker' && t.url().startsWith(`chrome-extension://${ab.extension.id}/`),
  );
  const worker = await target.worker();
  return worker!.evaluate(async () => {
    const { chrome } = globalThis as unknown as {
      chrome: {
        tabs: { query(q: object): Promise<{ id: number }[]> };
        action: { getBadgeText(d: { tabId: number }): Promise<string> };
      };
    };
    const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
    return chrome.action.getBadgeText({ tabId: tab!.id });
  });
}

describe.skipIf(!hasChromium)('An invite to a page on a site not enabled (Chromium)', () => {
  const world = withVideoSiteStack('kino-invite-site-');
  beforeAll(() => mkdir(ARTIFACTS, { recursive: true }));

  for (const [lang, locale, messages] of POPUP_LOCALES) {
    test(`${lang}: a badge, the popup says what to do, enabling takes the room right there`, async () => {
      const { origin, host } = world;
      const link = await roomForPage(`${origin}/watch/night-train-${lang}`);
      const ab = await launchActionBrowser(world.extensionDir, locale);
      try {
        await signInToCinema(ab, CINEMA_URL, 'boris');
        const page = await ab.browser.newPage();
        await page.goto(link);
        await page.waitForFunction((o) => location.origin === o, { timeout: 20_000 }, origin);
        expect(await page.evaluate(() => location.hash)).toContain('kino-room=');
        expect(await page.$('kino-room')).toBeNull();
        for (let i = 0; i < 50 && (await badgeOf(ab, page)) !== '1'; i++) await Bun.sleep(200);
        expect(await badgeOf(ab, page)).toBe('1');

        const popup = await openActionPopup(ab, page);
        await popupText(popup, say(messages, 'siteInvited', { host }));
        await popup.screenshot({
          path: join(ARTIFACTS, `invited-${lang}.png`),
          fullPage: true,
        });
        await popup.close();
        // The user's "Allow" given beforehand (the browser's prompt is out of a driver's
        // reach: see allowSiteInBrowserSettings), then Enable in the popup.
        await allowSiteInBrowserSettings(ab, 'http://127.0.0.1/*');
        const again = await openActionPopup(ab, page);
        await popupText(again, say(messages, 'siteInvited', { host }));
        await clickButton(again, say(messages, 'popupEnableSite'));
        await popupText(again, say(messages, 'siteEnabledNow', { host }));

        await page.waitForSelector('pierce/aside.kv-sidebar[data-status="connected"]', {
          timeout: 20_000,
        });
        for (let i = 0; i < 50 && (await badgeOf(ab, page)) !== ''; i++) await Bun.sleep(200);
        expect(await badgeOf(ab, page)).toBe('');
        await page.screenshot({ path: join(ARTIFACTS, `invited-${lang}-joined.png`) });
      } finally {
        await ab.close();
      }
    });
  }
});
