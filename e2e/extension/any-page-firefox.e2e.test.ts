/**
 * Any film page with the OWNER in Firefox (issue 17), on «Экран»'s third-party players
 * (localhost:3001), the member in Chromium:
 * - in Russian and in English, Firefox's real toolbar popup enables the site and the overlay
 *   appears in the open page without a reload; the Watch together button sits right after the
 *   player, clear of its control bar, the picture and the sticky header (Video.js and Plyr in
 *   Russian; all four players in English);
 * - a room for the Plyr page (its canonical address and title are the film): all friends
 *   offered, none ticked, and the link offer; the Chromium member joins by the mailed link;
 * - both drive the room with Plyr's OWN controls (its play/pause button and its seek bar,
 *   trusted clicks) and each player follows the other.
 * Screenshots go to e2e/artifacts/any-page/ (firefox-*).
 */
import { afterAll, beforeAll, describe, expect, setDefaultTimeout, test } from 'bun:test';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { type RunningPlayerSites, startPlayerSites } from '@kino/cinema/player-sites/server';
import { copyExtension, type ExtensionCopy } from '@kino/test-support/chromium';
import { hasChromium, hasFirefox } from '@kino/test-support/services';
import type { Page } from 'puppeteer-core';
import {
  type ActionBrowser,
  launchActionBrowser,
  type Messages,
  POPUP_LOCALES,
  say,
  signInToCinema,
} from '../fixtures/action-popup.ts';
import { CINEMA_URL, type Stack, startStack, waitForMail } from '../fixtures/dev-stack.ts';
import {
  type FirefoxUser,
  launchFirefox,
  openFirefoxPopup,
  signInWithForm,
} from '../fixtures/firefox-action.ts';
import { buildExtension } from '../fixtures/profile.ts';
import {
  filmTrace,
  PLYR,
  pressPlyr,
  sampleFilm,
  traceFilm,
  waitForAgreement,
} from './player-controls.ts';
import {
  measurePlacement,
  PLAYER_CHROME,
  PLAYER_SITES_URL,
  placementProblems,
  waitForAddress,
} from './player-pages.ts';

setDefaultTimeout(180_000);

const ARTIFACTS = join(import.meta.dir, '../artifacts/any-page');

const host = 'localhost:3001';
const watch = (id: string) => `${PLAYER_SITES_URL}/watch/${id}`;
/** Players whose button placement each language checks (English: every one). */
const CHECKED: Record<'en' | 'ru', string[]> = {
  en: Object.keys(PLAYER_CHROME),
  ru: ['video-js', 'plyr'],
};

/** Enables «Экран» from Firefox's toolbar popup on `page`'s tab; photographs the popup. */
async function enableFromPopup(user: FirefoxUser, page: Page, lang: string, messages: Messages) {
  const popup = await openFirefoxPopup(user, page);
  await popup.waitForText(say(messages, 'popupEnableSite'));
  await popup.screenshot(join(ARTIFACTS, `firefox-${lang}-popup-offer.png`));
  await popup.clickButton(say(messages, 'popupEnableSite'));
  await popup.waitForText(say(messages, 'siteEnabledNow', { host }), 30_000);
  await popup.screenshot(join(ARTIFACTS, `firefox-${lang}-popup-enabled.png`));
  await popup.close();
}

describe.skipIf(!hasChromium || !hasFirefox)('Any film page: the owner in Firefox', () => {
  let stack: Stack;
  let sites: RunningPlayerSites;
  let build: ExtensionCopy;
  /** Anna in English Firefox, from the English test on: she owns the room. */
  let anna: FirefoxUser | undefined;
  let gleb: ActionBrowser | undefined;
  let owner: Page;
  let member: Page;

  beforeAll(async () => {
    await buildExtension();
    build = await copyExtension('kino-any-page-ff-');
    await mkdir(ARTIFACTS, { recursive: true });
    stack = await startStack();
    sites = await startPlayerSites({ port: 3001 });
  }, 300_000);

  afterAll(async () => {
    await gleb?.close();
    await anna?.close();
    await sites?.stop();
    await stack?.stop();
    await build?.remove();
  }, 60_000);

  for (const [lang, locale, messages] of [...POPUP_LOCALES].reverse()) {
    test(`${lang}: enabled from Firefox's toolbar popup; the button clear of each player's controls`, async () => {
      const user = await launchFirefox(locale);
      try {
        await signInWithForm(user, 'anna');
        const page = await user.browser.newPage();
        await page.setViewport({ width: 1280, height: 800 });
        await page.goto(watch('video-js'));
        await page.waitForSelector('video', { timeout: 20_000 });
        // The page's own state: it survives only if the page is never reloaded.
        await page.evaluate(() => {
          (window as unknown as { pageState: string }).pageState = 'kept';
        });
        expect(await page.$('pierce/button.kv-watch')).toBeNull();
        await enableFromPopup(user, page, lang, messages);
        const button = await page.waitForSelector('pierce/button.kv-watch', { timeout: 20_000 });
        expect(await button!.evaluate((b) => b.textContent)).toContain(
          say(messages, 'watchTogether'),
        );
        expect(await page.evaluate(() => (window as { pageState?: string }).pageState)).toBe(
          'kept',
        );
        for (const id of CHECKED[lang]) {
          if (page.url() !== watch(id)) await page.goto(watch(id));
          expect(placementProblems(await measurePlacement(page, id)), id).toEqual([]);
          await page.screenshot({ path: join(ARTIFACTS, `firefox-${lang}-button-${id}.png`) });
        }
        if (lang === 'en') {
          anna = user;
          await page.close();
        }
      } finally {
        if (anna !== user) await user.close();
      }
    });
  }

  test('a room for the Plyr page: all friends offered, none ticked; the Chromium member joins by mail', async () => {
    expect(anna).toBeDefined();
    owner = await anna!.browser.newPage();
    await owner.setViewport({ width: 1280, height: 800 });
    await owner.goto(watch('plyr'));
    const title = await owner.title();
    const watchButton = await owner.waitForSelector('pierce/button.kv-watch', {
      timeout: 20_000,
    });
    await owner.waitForSelector('pierce/.plyr__controls', { timeout: 20_000 });
    await watchButton!.click();
    const en = POPUP_LOCALES[0]![2];
    await owner.waitForFunction(
      (text) =>
        document.querySelector('kino-watch-together')?.shadowRoot?.textContent?.includes(text),
      { timeout: 15_000 },
      say(en, 'friendsTitle'),
    );
    const offered = await owner.$$eval('pierce/input[name="invitee"]', (boxes) =>
      boxes.map((b) => ({
        id: (b as HTMLInputElement).value,
        on: (b as HTMLInputElement).checked,
      })),
    );
    expect(offered.map((o) => o.id).sort()).toEqual(['boris', 'gleb', 'vera']);
    expect(offered.every((o) => !o.on)).toBe(true);
    const panel = await owner.$eval('pierce/kino-watch-together', (h) => h.shadowRoot!.textContent);
    expect(panel).toContain(say(en, 'pageLinkRoomOffer'));
    await owner.screenshot({ path: join(ARTIFACTS, 'firefox-en-panel-friends.png') });
    await (await owner.$('pierce/input[name="invitee"][value="gleb"]'))!.click();
    await (await owner.$('pierce/.kv-panel form button.kv-primary'))!.click();
    await owner.waitForSelector('pierce/aside.kv-sidebar[data-status="connected"]', {
      timeout: 20_000,
    });
    await owner.waitForFunction(
      (text) => document.querySelector('kino-room')?.shadowRoot?.textContent?.includes(text),
      { timeout: 10_000 },
      say(en, 'copyInvite'),
    );

    // The invitation names the page, and its link opens that page in Chromium.
    const mail = await waitForMail('gleb@kino.example');
    expect(mail.subject).toContain(title.split(' — ')[0]!);
    const link = /http:\/\/localhost:8787\/join\/[A-Za-z0-9_-]+/.exec(mail.text)![0];
    gleb = await launchActionBrowser(build.dir, 'en-US');
    await signInToCinema(gleb, CINEMA_URL, 'gleb');
    member = await gleb.browser.newPage();
    await member.goto(link);
    await waitForAddress(member, watch('plyr'));
    await member.waitForSelector('pierce/aside.kv-sidebar[data-status="connected"]', {
      timeout: 30_000,
    });
    await owner.waitForSelector('pierce/[data-user-id="gleb"]', { timeout: 15_000 });
    await owner.screenshot({ path: join(ARTIFACTS, 'firefox-en-room-owner.png') });
  });

  test("both drive the room with Plyr's own controls; each follows the other", async () => {
    expect(member).toBeDefined();
    const both = [owner, member];
    const log: string[] = [];
    /** One press on a player's own control, then both players agree (bounded wait). */
    const step = async (
      name: string,
      press: () => Promise<void>,
      want: Parameters<typeof waitForAgreement>[1],
    ) => {
      log.push(`${name} at ${Date.now() % 100_000}`);
      await press();
      try {
        const { positions } = await waitForAgreement(both, want);
        log.push(`  → ${positions.map((p) => p.toFixed(2)).join(' / ')}`);
      } catch (error) {
        const [ff, cr] = await Promise.all([filmTrace(owner), filmTrace(member)]);
        console.log(`${log.join('\n')}\nFirefox:\n${ff}\nChromium:\n${cr}`);
        throw error;
      }
    };
    await Promise.all(both.map(traceFilm));
    const duration = await member.evaluate(
      () => document.querySelector<HTMLVideoElement>('video#film')!.duration,
    );
    const nearSec = duration * 0.05;
    // Firefox's play button (unless the room already plays since Start): Chromium plays along.
    const playing = !(await sampleFilm(owner)).paused;
    await step('Firefox plays', () => (playing ? Promise.resolve() : pressPlyr(owner, PLYR.play)), {
      playing: true,
      toleranceSec: 0.5,
    });
    await step('Firefox pauses', () => pressPlyr(owner, PLYR.play), {
      playing: false,
      toleranceSec: 0.3,
    });
    // Chromium's seek bar, three quarters in (past what is buffered): Firefox goes there too.
    await step('Chromium seeks', () => pressPlyr(member, PLYR.seek, 0.75), {
      playing: false,
      toleranceSec: 0.3,
      near: duration * 0.75,
      nearSec,
    });
    await step('Chromium plays', () => pressPlyr(member, PLYR.play), {
      playing: true,
      toleranceSec: 0.5,
    });
    // Firefox's seek bar while playing (Plyr pauses, seeks and plays again).
    await step('Firefox seeks', () => pressPlyr(owner, PLYR.seek, 0.25), {
      playing: true,
      toleranceSec: 0.5,
      near: duration * 0.25,
      nearSec,
    });
    await step('Chromium pauses', () => pressPlyr(member, PLYR.play), {
      playing: false,
      toleranceSec: 0.3,
    });
    console.log(`Firefox / Chromium, ${duration.toFixed(1)} s film:\n  ${log.join('\n  ')}`);
    // The pictures, once the last seek's frame is painted (they are looked at, not asserted).
    await Bun.sleep(1000);
    await owner.screenshot({ path: join(ARTIFACTS, 'firefox-en-owner-driven.png') });
    await member.screenshot({ path: join(ARTIFACTS, 'chromium-member-driven.png') });
  });
});
