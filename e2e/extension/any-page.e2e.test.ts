/**
 * Any film page (issue 17.3, 17.4), on «Экран»'s third-party players (localhost:3001):
 * - Chromium, the real toolbar popup: enabled on the site, the Watch together button sits
 *   after the player on Video.js, Plyr, media-chrome (video in an open shadow root) and Shaka
 *   — its box never meets the player's control bar, the picture or the sticky site header;
 * - a room for the Plyr page (its canonical address and title are the film): all friends
 *   offered, none ticked; the docked sidebar and the collapsed tab leave the controls free;
 * - the invitee in Firefox, who never enabled the site, opens the e-mailed link, lands on that
 *   page and is in the room; play, a seek far ahead and pause by the owner reach his player.
 * Screenshots go to e2e/artifacts/any-page/.
 */
import { afterAll, beforeAll, describe, expect, setDefaultTimeout, test } from 'bun:test';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { type RunningPlayerSites, startPlayerSites } from '@kino/cinema/player-sites/server';
import { copyExtension, type ExtensionCopy } from '@kino/test-support/chromium';
import { hasChromium, hasFirefox } from '@kino/test-support/services';
import type { Page } from 'puppeteer-core';
import { en } from '../../extension/src/i18n/messages.ts';
import {
  type ActionBrowser,
  clickButton,
  launchActionBrowser,
  openActionPopup,
  popupText,
  say as sayIn,
  signInToCinema,
} from '../fixtures/action-popup.ts';
import { CINEMA_URL, type Stack, startStack, waitForMail } from '../fixtures/dev-stack.ts';
import { type FirefoxUser, launchFirefox, signInWithForm } from '../fixtures/firefox-action.ts';
import { buildExtension } from '../fixtures/profile.ts';
import {
  boxOf,
  measurePlacement,
  overlaps,
  PLAYER_CHROME,
  PLAYER_SITES_URL,
  placementProblems,
  waitForAddress,
} from './player-pages.ts';

setDefaultTimeout(180_000);

const ARTIFACTS = join(import.meta.dir, '../artifacts/any-page');

const host = 'localhost:3001';
const watch = (id: string) => `${PLAYER_SITES_URL}/watch/${id}`;
/** This spec's owner reads English. */
const say = (key: keyof typeof en, params: Record<string, string> = {}) => sayIn(en, key, params);

/** The page's film video (also inside media-chrome's shadow root). */
function filmTime(page: Page): Promise<{ t: number; paused: boolean }> {
  return page.evaluate(() => {
    const video =
      document.querySelector<HTMLVideoElement>('video#film') ??
      document.querySelector('hls-video')?.shadowRoot?.querySelector('video') ??
      document.querySelector('video')!;
    return { t: video.currentTime, paused: video.paused };
  });
}

describe.skipIf(!hasChromium || !hasFirefox)(
  'Any film page: «Экран» in Chromium and Firefox',
  () => {
    let stack: Stack;
    let sites: RunningPlayerSites;
    let build: ExtensionCopy;
    let anna: ActionBrowser;
    let gleb: FirefoxUser;

    beforeAll(async () => {
      await buildExtension();
      build = await copyExtension('kino-any-page-');
      await mkdir(ARTIFACTS, { recursive: true });
      stack = await startStack();
      sites = await startPlayerSites({ port: 3001 });
      anna = await launchActionBrowser(build.dir, 'en-US');
      await signInToCinema(anna, CINEMA_URL, 'anna');
    }, 300_000);

    afterAll(async () => {
      await gleb?.close();
      await anna?.close();
      await sites?.stop();
      await stack?.stop();
      await build?.remove();
    }, 60_000);

    test('enabled from the popup; the button sits after each player, clear of its controls and the header', async () => {
      const page = await anna.browser.newPage();
      await page.goto(watch('video-js'));
      const popup = await openActionPopup(anna, page);
      await popupText(popup, say('popupEnableSite'));
      await clickButton(popup, say('popupEnableSite'));
      await popupText(popup, say('siteEnabledNow', { host }));
      await popup.close();

      for (const id of Object.keys(PLAYER_CHROME)) {
        await page.goto(watch(id));
        expect(placementProblems(await measurePlacement(page, id)), id).toEqual([]);
        await page.screenshot({ path: join(ARTIFACTS, `button-${id}.png`) });
      }
      // Several videos: the button goes with the paused film, not a playing muted preview.
      await page.goto(watch('several-videos'));
      await page.waitForSelector('pierce/button.kv-watch', { timeout: 20_000 });
      expect(
        await page.evaluate(
          () =>
            document
              .querySelector('kino-watch-together')
              ?.previousElementSibling?.querySelector('video#film') != null,
        ),
      ).toBe(true);
      await page.screenshot({ path: join(ARTIFACTS, 'button-several-videos.png') });
      await page.close();
    });

    test('a room for the page: all friends offered; sidebar and launcher clear of the controls', async () => {
      const page = await anna.browser.newPage();
      await page.goto(watch('plyr'));
      const title = await page.title();
      const watchButton = await page.waitForSelector('pierce/button.kv-watch', { timeout: 20_000 });
      await page.waitForSelector('pierce/.plyr__controls', { timeout: 20_000 });
      await watchButton!.click();
      await page.waitForFunction(
        (text) =>
          document.querySelector('kino-watch-together')?.shadowRoot?.textContent?.includes(text),
        { timeout: 15_000 },
        say('friendsTitle'),
      );
      const offered = await page.$$eval('pierce/input[name="invitee"]', (boxes) =>
        boxes.map((b) => ({
          id: (b as HTMLInputElement).value,
          on: (b as HTMLInputElement).checked,
        })),
      );
      expect(offered.map((o) => o.id).sort()).toEqual(['boris', 'gleb', 'vera']);
      expect(offered.every((o) => !o.on)).toBe(true);
      await page.screenshot({ path: join(ARTIFACTS, 'panel-friends.png') });
      await (await page.$('pierce/input[name="invitee"][value="gleb"]'))!.click();
      await (await page.$('pierce/.kv-panel form button.kv-primary'))!.click();
      await page.waitForSelector('pierce/aside.kv-sidebar[data-status="connected"]', {
        timeout: 20_000,
      });
      const room = await page.evaluate(() => location.hash);
      expect(room).toBe('');

      // Docked: the sidebar beside the page, never over the player's controls.
      const video = (await boxOf(page, 'video#film'))!;
      await page.mouse.move(video.x + video.width / 2, video.y + video.height / 2);
      await Bun.sleep(400);
      const controls = (await boxOf(page, '.plyr__controls'))!;
      const sidebar = (await boxOf(page, 'aside.kv-sidebar'))!;
      expect(overlaps(sidebar, controls)).toBe(false);
      expect(overlaps(sidebar, video)).toBe(false);
      await page.screenshot({ path: join(ARTIFACTS, 'room-docked.png') });
      await clickButton(page, 'Collapse the sidebar').catch(async () => {
        await (await page.$('pierce/button[aria-label="Collapse the sidebar"]'))!.click();
      });
      const tab = await page.waitForSelector('pierce/.kv-tab', { timeout: 10_000 });
      await Bun.sleep(400);
      await page.mouse.move(video.x + video.width / 2, video.y + video.height / 2);
      await Bun.sleep(400);
      const launcher = await tab!.boundingBox();
      const controlsNow = (await boxOf(page, '.plyr__controls'))!;
      const videoNow = (await boxOf(page, 'video#film'))!;
      expect(overlaps(launcher!, controlsNow)).toBe(false);
      expect(overlaps(launcher!, videoNow)).toBe(false);
      await page.screenshot({ path: join(ARTIFACTS, 'room-collapsed.png') });

      // The invitation names the page, and its link opens that page.
      const mail = await waitForMail('gleb@kino.example');
      expect(mail.subject).toContain(title.split(' — ')[0]!);
      const link = /http:\/\/localhost:8787\/join\/[A-Za-z0-9_-]+/.exec(mail.text)![0];

      // Gleb, in Firefox, never enabled the site: the link opens the page and the overlay runs
      // there for this room (the dev build holds localhost's host permission).
      gleb = await launchFirefox('en-US');
      await signInWithForm(gleb, 'gleb');
      const guest = await gleb.browser.newPage();
      await guest.setViewport({ width: 1280, height: 800 });
      await guest.goto(link);
      await waitForAddress(guest, watch('plyr'));
      await guest.waitForSelector('kino-room >>> aside.kv-sidebar[data-status="connected"]', {
        timeout: 30_000,
      });
      await (await page.$('pierce/.kv-tab'))!.click();
      await page.waitForFunction(
        () =>
          document
            .querySelector('kino-room')
            ?.shadowRoot?.querySelector('[data-user-id="gleb"]') !== null,
        { timeout: 15_000 },
      );

      // The room plays since Start (or the owner plays it now); a seek far ahead (unbuffered)
      // and a pause by the owner follow: Firefox's Plyr goes along.
      await page.evaluate(() => {
        const video = document.querySelector<HTMLVideoElement>('video#film')!;
        if (video.paused) void video.play();
      });
      await guest.waitForFunction(
        () => {
          const v = document.querySelector<HTMLVideoElement>('video#film');
          return v !== null && !v.paused && v.currentTime > 0.5;
        },
        { timeout: 30_000 },
      );
      await page.evaluate(() => {
        document.querySelector<HTMLVideoElement>('video#film')!.currentTime = 40;
      });
      await guest.waitForFunction(
        () => (document.querySelector<HTMLVideoElement>('video#film')?.currentTime ?? 0) > 39,
        { timeout: 30_000 },
      );
      await page.evaluate(() => document.querySelector<HTMLVideoElement>('video#film')!.pause());
      await guest.waitForFunction(
        () => document.querySelector<HTMLVideoElement>('video#film')?.paused === true,
        { timeout: 20_000 },
      );
      await Bun.sleep(1000);
      const [a, g] = await Promise.all([filmTime(page), filmTime(guest)]);
      expect(Math.abs(a.t - g.t)).toBeLessThan(0.5);
      await guest.screenshot({ path: join(ARTIFACTS, 'firefox-guest.png') });
      await page.screenshot({ path: join(ARTIFACTS, 'chromium-owner.png') });
    });
  },
);
