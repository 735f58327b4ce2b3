/**
 * Issue 14, knock to join, in Debian's Chromium with the built extension, in English and in
 * Russian on the demo cinema: Gleb opens the room's link without an invite and knocks; Anna
 * sees who he is and whose friend, lets him in with the keyboard; he is in the room at its
 * moment. Dasha knocks and is declined kindly. Anna removes Gleb: he is told, and is out.
 * Each step is photographed into e2e/artifacts/<lang>/knock-*.png.
 */
import { afterAll, beforeAll, describe, expect, setDefaultTimeout, test } from 'bun:test';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { hasChromium } from '@kino/test-support/services';
import type { Page } from 'playwright-core';
import { en, ru } from '../../extension/src/i18n/messages.ts';
import { readOutbox, type Stack, startStack } from '../fixtures/dev-stack.ts';
import {
  buildExtension,
  launchProfile,
  openFilm,
  type Profile,
  signIn,
} from '../fixtures/profile.ts';
import { videoState, waitForVideo } from '../fixtures/video.ts';

setDefaultTimeout(90_000);

const ARTIFACTS = join(import.meta.dir, '../artifacts');
const LANGS = [
  { lang: 'en', locale: 'en-US', texts: en },
  { lang: 'ru', locale: 'ru-RU', texts: ru },
] as const;

type Texts = Record<keyof typeof en, string>;
const fill = (text: string, params: Record<string, string | number> = {}) =>
  text.replace(/\{(\w+)\}/g, (whole, name: string) => String(params[name] ?? whole));

async function shareLinkAfter(after: number): Promise<string> {
  for (let i = 0; i < 80; i++) {
    const mail = (await readOutbox())
      .filter((m) => m.to.startsWith('boris@') && Date.parse(m.sentAt) >= after)
      .at(-1);
    const link = mail?.text.match(/https?:\/\/localhost:8787\/join\/\S+/)?.[0];
    if (link) return link;
    await Bun.sleep(250);
  }
  throw new Error('no invite mail');
}

describe.skipIf(!hasChromium)('knock to join (Chromium)', () => {
  let stack: Stack;

  beforeAll(async () => {
    await buildExtension();
    stack = await startStack();
  }, 300_000);

  afterAll(async () => {
    await stack?.stop();
  }, 30_000);

  for (const { lang, locale, texts } of LANGS) {
    describe(`in ${lang}`, () => {
      const T = (key: keyof Texts, params?: Record<string, string | number>) =>
        fill((texts as Texts)[key], params);
      const profiles: Profile[] = [];
      let annaPage: Page;
      let glebPage: Page;
      let shareLink = '';
      const dir = join(ARTIFACTS, lang);
      const snap = (page: Page, name: string) =>
        page.screenshot({ path: join(dir, `knock-${name}.png`) });
      const sidebar = (page: Page) => page.getByRole('complementary', { name: T('sidebarTitle') });
      const profile = async (login: string) => {
        const p = await launchProfile(locale);
        profiles.push(p);
        await signIn(p, login);
        return p;
      };
      const knockAt = async (login: string) => {
        const page = await (await profile(login)).context.newPage();
        await page.goto(shareLink);
        await page.waitForURL(/#kino-room=/);
        const knock = sidebar(page).getByRole('button', { name: T('knockButton') });
        await knock.waitFor({ timeout: 15_000 });
        return { page, knock };
      };

      beforeAll(async () => {
        await mkdir(dir, { recursive: true });
      });

      afterAll(async () => {
        await Promise.allSettled(profiles.map((p) => p.close()));
      }, 30_000);

      test('Anna starts a room with Boris and Vera; the film plays', async () => {
        const startedAt = Date.now() - 1000;
        annaPage = await openFilm(await profile('anna'), 'night-train');
        await annaPage.getByRole('button', { name: T('watchTogether') }).click();
        await annaPage.locator('input[name="invitee"]').first().waitFor();
        await annaPage.getByRole('button', { name: T('start'), exact: true }).click();
        await sidebar(annaPage).getByText(T('connected')).waitFor({ timeout: 15_000 });
        await waitForVideo(annaPage, '!video.paused && video.currentTime > 0.5');
        shareLink = await shareLinkAfter(startedAt);
      });

      test('Gleb, not invited, knocks instead of hitting a dead end', async () => {
        const { page, knock } = await knockAt('gleb');
        glebPage = page;
        await sidebar(page)
          .getByText(T('knockExplain', { owner: 'Анна' }))
          .waitFor();
        await snap(page, 'door');
        await knock.click();
        await sidebar(page)
          .getByText(T('knockPending', { owner: 'Анна' }))
          .waitFor();
        expect(await sidebar(page).textContent()).toContain(
          T('knockOpenFor', { wait: T('waitMinutes', { n: 10 }) }),
        );
        await snap(page, 'pending');
      });

      test('Anna sees who knocks and whose friend, hears it, and lets him in by keyboard', async () => {
        const card = sidebar(annaPage).locator('.kv-knock-card[data-user-id="gleb"]');
        await card.waitFor({ timeout: 10_000 });
        expect(await card.textContent()).toContain(T('knockWho', { name: 'Глеб' }));
        expect(await card.textContent()).toContain(T('knockFriendOf', { names: 'Анна' }));
        expect(await annaPage.getByTestId('knock-announcer').textContent()).toBe(
          T('knockAnnounce', { name: 'Глеб' }),
        );
        await snap(annaPage, 'owner-card');
        const letIn = card.getByRole('button', { name: T('knockLetInLabel', { name: 'Глеб' }) });
        await letIn.focus();
        await annaPage.keyboard.press('Enter');
        await card.waitFor({ state: 'detached' });

        // Gleb is let in at once, at the room's moment.
        await sidebar(glebPage).getByText(T('connected')).waitFor({ timeout: 15_000 });
        await waitForVideo(glebPage, '!video.paused');
        await sidebar(annaPage).locator('[data-user-id="gleb"]').waitFor();
        await Bun.sleep(1500);
        const [a, g] = await Promise.all([videoState(annaPage), videoState(glebPage)]);
        expect(a.paused || g.paused).toBe(false);
        expect(Math.abs(a.currentTime - g.currentTime)).toBeLessThan(1);
        await snap(glebPage, 'let-in');
      });

      test('Dasha knocks and is declined: she is told kindly', async () => {
        const { page, knock } = await knockAt('dasha');
        await knock.click();
        const card = sidebar(annaPage).locator('.kv-knock-card[data-user-id="dasha"]');
        await card.waitFor({ timeout: 10_000 });
        // Dasha is a friend of Vera, who is invited.
        expect(await card.textContent()).toContain(T('knockFriendOf', { names: 'Вера' }));
        await card.getByRole('button', { name: T('knockDeclineLabel', { name: 'Даша' }) }).click();
        await sidebar(page).getByText(T('knockDeclined')).waitFor({ timeout: 10_000 });
        expect(await sidebar(page).locator('.kv-composer, .kv-emoji').count()).toBe(0);
        await snap(page, 'declined');
      });

      test('Anna removes Gleb: he is told, and the link no longer lets him in', async () => {
        const line = sidebar(annaPage).locator('[data-user-id="gleb"]');
        await line.getByRole('button', { name: T('revokeLabel', { name: 'Глеб' }) }).click();
        await snap(annaPage, 'remove-confirm');
        await line.getByRole('button', { name: T('revokeYes'), exact: true }).click();
        await line.waitFor({ state: 'detached' });
        await sidebar(glebPage).getByText(T('revokedTitle')).waitFor({ timeout: 10_000 });
        await snap(glebPage, 'removed');
        await glebPage.goto('about:blank');
        await glebPage.goto(shareLink);
        await sidebar(glebPage).getByText(T('revokedTitle')).waitFor({ timeout: 15_000 });
        expect(
          await sidebar(glebPage)
            .getByRole('button', { name: T('knockButton') })
            .count(),
        ).toBe(0);
      });
    });
  }
});
