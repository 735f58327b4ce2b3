/**
 * Enable on any site (issue 13.4), in Chromium, in English and Russian: a plain page on
 * another origin (not the build's cinema or backend) with a <video>. The real toolbar popup,
 * opened on that tab, offers "Enable on this site"; pressed, the overlay appears in the page
 * without a reload (the page's own state survives), styled, with the signed-in session; it is
 * there again after a reload; "Disable on this site" takes it out of the open page and out of
 * later visits. The release build's popup shows no server addresses and links the privacy
 * policy. Popups and pages are photographed into e2e/artifacts/popup/.
 */
import { beforeAll, describe, expect, setDefaultTimeout, test } from 'bun:test';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { hasChromium } from '@kino/test-support/services';
import { TEST_RELEASE_ENV } from '@kino/test-support/test-deployment';
import type { Page } from 'puppeteer-core';
import { unpackTestRelease } from '../deploy/release-build.ts';
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
import { CINEMA_URL } from '../fixtures/dev-stack.ts';
import { withVideoSiteStack } from '../fixtures/video-site.ts';

setDefaultTimeout(120_000);

const ARTIFACTS = join(import.meta.dir, '../artifacts/popup');

const overlayButton = (page: Page) => page.$('pierce/button.kv-watch');

describe.skipIf(!hasChromium)('Enable on any site (Chromium, the real toolbar popup)', () => {
  const world = withVideoSiteStack('kino-enable-site-');
  beforeAll(() => mkdir(ARTIFACTS, { recursive: true }));

  for (const [lang, locale, messages] of POPUP_LOCALES) {
    test(`${lang}: enabled from the popup without a reload, kept for later visits, then disabled`, async () => {
      const ab: ActionBrowser = await launchActionBrowser(world.extensionDir, locale);
      const { origin, host } = world;
      const shot = (page: Page, name: string) =>
        page.screenshot({ path: join(ARTIFACTS, `dev-${lang}-${name}.png`), fullPage: true });
      try {
        await signInToCinema(ab, CINEMA_URL, 'anna');
        await allowSiteInBrowserSettings(ab, 'http://127.0.0.1/*');
        const page = await ab.browser.newPage();
        await page.goto(`${origin}/watch/night-train`);
        await page.waitForFunction(() => (document.querySelector('video')?.currentTime ?? 0) > 0);
        // The page's own state: it survives only if the page is never reloaded.
        await page.evaluate(() => {
          (window as unknown as { pageState: string }).pageState = 'kept';
        });
        await Bun.sleep(1_000);
        expect(await overlayButton(page)).toBeNull();

        // The popup opened on this tab reads its address (activeTab) and offers to enable.
        const popup = await openActionPopup(ab, page);
        const offer = await popupText(popup, say(messages, 'popupEnableSite'));
        expect(offer).toContain(say(messages, 'siteOffer', { host }));
        expect(offer).toContain(say(messages, 'popupSignedInAs', { name: 'Анна' }));
        await shot(popup, 'offer');
        await clickButton(popup, say(messages, 'popupEnableSite'));
        await popupText(popup, say(messages, 'siteEnabledNow', { host }));
        expect(await popupText(popup, say(messages, 'popupDisableSite'))).toBeTruthy();
        await shot(popup, 'enabled');

        // The overlay is in the page now, styled, in the same document.
        const button = await page.waitForSelector('pierce/button.kv-watch', { timeout: 15_000 });
        expect(await button!.evaluate((b) => b.textContent?.trim())).toContain(
          say(messages, 'watchTogether'),
        );
        expect(await button!.evaluate((b) => getComputedStyle(b).backgroundColor)).not.toBe(
          'rgba(0, 0, 0, 0)',
        );
        expect(
          await page.evaluate(() => (window as unknown as { pageState?: string }).pageState),
        ).toBe('kept');
        // Watch together: the cinema session comes through (signed in), and the page is a film
        // of its own (issue 17.3): all the user's friends are offered to invite.
        await button!.click();
        await page.waitForFunction(
          (text) =>
            [...document.querySelectorAll('kino-watch-together')].some((host) =>
              host.shadowRoot?.textContent?.includes(text),
            ),
          { timeout: 15_000 },
          say(messages, 'friendsTitle'),
        );
        await shot(page, 'page');

        // Registered for later visits.
        await page.reload();
        await page.waitForSelector('pierce/button.kv-watch', { timeout: 15_000 });

        // Disable: gone from the open page at once, and from later visits.
        await page.evaluate(() => {
          (window as unknown as { pageState: string }).pageState = 'kept';
        });
        const again = await openActionPopup(ab, page);
        await popupText(again, say(messages, 'siteOn', { host }));
        await shot(again, 'on');
        await clickButton(again, say(messages, 'popupDisableSite'));
        await popupText(again, say(messages, 'siteDisabledNow', { host }));
        await popupText(again, say(messages, 'popupEnableSite'));
        await shot(again, 'disabled');
        await page.waitForFunction(() => !document.querySelector('kino-watch-together'), {
          timeout: 15_000,
        });
        expect(
          await page.evaluate(() => (window as unknown as { pageState?: string }).pageState),
        ).toBe('kept');
        await page.reload();
        await page.waitForFunction(() => (document.querySelector('video')?.currentTime ?? 0) > 0);
        await Bun.sleep(1_500);
        expect(await overlayButton(page)).toBeNull();
      } finally {
        await ab.close();
      }
    });
  }

  test('the store build’s popup: no server addresses, the privacy policy linked', async () => {
    const release = await unpackTestRelease();
    try {
      for (const [lang, locale, messages] of POPUP_LOCALES) {
        const ab = await launchActionBrowser(release.chromeDir, locale);
        try {
          const page = await ab.browser.newPage();
          await page.goto(`${world.origin}/watch/night-train`);
          const popup = await openActionPopup(ab, page);
          const text = await popupText(popup, say(messages, 'popupEnableSite'));
          expect(await popup.$('input')).toBeNull();
          expect(text).not.toContain(say(messages, 'popupBackendUrl'));
          expect(text).not.toMatch(/localhost|kino\.test|https?:/);
          const privacy = await popup.$eval(
            `xpath/.//a[normalize-space()="${say(messages, 'privacyPolicy')}"]`,
            (a) => a.getAttribute('href'),
          );
          expect(privacy).toBe(`${TEST_RELEASE_ENV.KINO_BACKEND_URL}/privacy?lang=${lang}`);
          await popup.screenshot({ path: join(ARTIFACTS, `release-${lang}.png`), fullPage: true });
        } finally {
          await ab.close();
        }
      }
    } finally {
      await release.remove();
    }
  }, 300_000);
});
