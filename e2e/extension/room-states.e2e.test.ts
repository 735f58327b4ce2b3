/**
 * Issue 12 in Debian's Chromium with the built extension, once in English and once in
 * Russian: the docked sidebar leaves the player's own controls usable, full screen
 * (the player's real button and ours), one toast per action, reactions with names,
 * and a screen with a next step for every state of a room (closed, not invited, signed
 * out, server unreachable). Every state is photographed into e2e/artifacts/<lang>/.
 */
import { afterAll, beforeAll, describe, expect, setDefaultTimeout, test } from 'bun:test';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { hasChromium } from '@kino/test-support/services';
import type { Page } from 'playwright-core';
import { en, ru } from '../../extension/src/i18n/messages.ts';
import { readOutbox, type Stack, startStack } from '../fixtures/dev-stack.ts';
import { hitAtControl, nativeControlBox, pressNativeControl } from '../fixtures/native-controls.ts';
import {
  buildExtension,
  launchProfile,
  openFilm,
  openPopup,
  type Profile,
  signIn,
} from '../fixtures/profile.ts';
import { waitForVideo } from '../fixtures/video.ts';

setDefaultTimeout(90_000);

const ARTIFACTS = join(import.meta.dir, '../artifacts');
const LANGS = [
  { lang: 'en', locale: 'en-US', texts: en },
  { lang: 'ru', locale: 'ru-RU', texts: ru },
] as const;

type Texts = Record<keyof typeof en, string>;
const fill = (text: string, params: Record<string, string | number> = {}) =>
  text.replace(/\{(\w+)\}/g, (whole, name: string) => String(params[name] ?? whole));

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}
const overlaps = (a: Box, b: Box) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

async function box(page: Page, selector: string): Promise<Box> {
  const found = await page.locator(selector).first().boundingBox();
  if (!found) throw new Error(`${selector} is not on screen`);
  return found;
}

const fullscreenElement = (page: Page) =>
  page.evaluate(() => {
    const el = document.fullscreenElement;
    return el ? `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}.${el.className}` : null;
  });

async function inviteFor(login: string, after: number): Promise<string> {
  for (let i = 0; i < 80; i++) {
    const mail = (await readOutbox())
      .filter((m) => m.to.startsWith(`${login}@`) && Date.parse(m.sentAt) >= after)
      .at(-1);
    const link = mail?.text.match(/https?:\/\/localhost:8787\/join\/\S+/)?.[0];
    if (link) return link;
    await Bun.sleep(250);
  }
  throw new Error(`no invite for ${login}`);
}

describe.skipIf(!hasChromium)('the room feels native (Chromium)', () => {
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
      let anna: Profile;
      let boris: Profile;
      let annaPage: Page;
      let borisPage: Page;
      let roomStartedAt = 0;
      const dir = join(ARTIFACTS, lang);
      let shot = 0;
      const snap = async (page: Page, name: string) => {
        shot++;
        await page.screenshot({ path: join(dir, `${String(shot).padStart(2, '0')}-${name}.png`) });
      };
      const sidebar = (page: Page) => page.getByRole('complementary', { name: T('sidebarTitle') });
      const profile = async (login: string | null) => {
        const p = await launchProfile(locale);
        profiles.push(p);
        if (login) await signIn(p, login);
        return p;
      };

      beforeAll(async () => {
        await mkdir(dir, { recursive: true });
        [anna, boris] = await Promise.all([profile('anna'), profile('boris')]);
      }, 120_000);

      afterAll(async () => {
        await Promise.allSettled(profiles.map((p) => p.close()));
      }, 30_000);

      test('Start is on screen at 1280×800 without scrolling, and the film title stays clear', async () => {
        annaPage = await openFilm(anna, 'night-train');
        const watch = annaPage.getByRole('button', { name: T('watchTogether') });
        await watch.waitFor();
        await snap(annaPage, 'film-page');
        await watch.click();
        await annaPage.locator('input[name="invitee"]').first().waitFor();
        const start = await box(annaPage, `button:has-text("${T('start')}")`);
        expect(await annaPage.evaluate(() => window.scrollY)).toBe(0);
        expect(start.y + start.height).toBeLessThanOrEqual(800);
        const panel = await box(annaPage, '.kv-panel');
        expect(overlaps(panel, await box(annaPage, 'h1.film-title'))).toBe(false);
        // The focus is in the panel, on the first friend.
        expect(
          await annaPage.evaluate(
            () =>
              document
                .querySelector('kino-watch-together')
                ?.shadowRoot?.activeElement?.getAttribute('name') ?? null,
          ),
        ).toBe('invitee');
        await snap(annaPage, 'start-panel');
      });

      test('in a room the page makes room for the sidebar: the player’s own buttons work', async () => {
        roomStartedAt = Date.now() - 1000;
        await annaPage.getByRole('button', { name: T('start'), exact: true }).click();
        await sidebar(annaPage).getByText(T('connected')).waitFor({ timeout: 15_000 });
        await waitForVideo(annaPage, '!video.paused');
        const aside = await box(annaPage, 'aside.kv-sidebar');
        const video = await box(annaPage, 'video#player');
        expect(video.x + video.width).toBeLessThanOrEqual(aside.x);
        for (const control of ['mute', 'fullscreen', 'menu'] as const) {
          const button = await nativeControlBox(annaPage, control);
          expect(button.x + button.width).toBeLessThanOrEqual(aside.x);
          expect(await hitAtControl(annaPage, control)).toBe('video#player');
        }
        // A real click on the player's volume button mutes it, and again unmutes.
        await pressNativeControl(annaPage, 'mute');
        await waitForVideo(annaPage, 'video.muted');
        await pressNativeControl(annaPage, 'mute');
        await waitForVideo(annaPage, '!video.muted');
        await snap(annaPage, 'room-docked');
      });

      test('collapsing gives the width back; the tab is clear of the account menu', async () => {
        const docked = await box(annaPage, 'video#player');
        await sidebar(annaPage)
          .getByRole('button', { name: T('collapse') })
          .click();
        const tab = annaPage.locator('button.kv-tab');
        await tab.waitFor();
        await annaPage.waitForFunction(
          (width) => document.querySelector('video#player')!.getBoundingClientRect().width > width,
          docked.width,
        );
        expect(
          overlaps(await box(annaPage, 'button.kv-tab'), await box(annaPage, '.session')),
        ).toBe(false);
        expect(
          overlaps(await box(annaPage, 'button.kv-tab'), await nativeControlBox(annaPage, 'menu')),
        ).toBe(false);
        // The tab has the focus now; Enter opens the sidebar again.
        await annaPage.keyboard.press('Enter');
        await sidebar(annaPage)
          .getByRole('button', { name: T('collapse') })
          .waitFor();
        await annaPage.keyboard.press('Escape');
        await tab.waitFor();
        await snap(annaPage, 'collapsed');
        await annaPage.keyboard.press('Enter');
        await sidebar(annaPage)
          .getByRole('button', { name: T('collapse') })
          .waitFor();
      });

      test('the sidebar can be dragged wider: the page follows, and the width is kept', async () => {
        const before = await box(annaPage, 'aside.kv-sidebar');
        const handle = await box(annaPage, '.kv-resize');
        const y = handle.y + handle.height / 2;
        await annaPage.mouse.move(handle.x + handle.width / 2, y);
        await annaPage.mouse.down();
        await annaPage.mouse.move(handle.x - 100, y, { steps: 5 });
        await annaPage.mouse.up();
        const after = await box(annaPage, 'aside.kv-sidebar');
        expect(after.width).toBeGreaterThanOrEqual(before.width + 90);
        const video = await box(annaPage, 'video#player');
        expect(video.x + video.width).toBeLessThanOrEqual(after.x);
        // Kept for the next room (storage.local), and back by keyboard.
        await annaPage.locator('.kv-resize').focus();
        for (let i = 0; i < 5; i++) await annaPage.keyboard.press('ArrowRight');
        expect((await box(annaPage, 'aside.kv-sidebar')).width).toBe(after.width - 100);
      });

      test('Boris joins; his reaction floats big over the film with his name', async () => {
        borisPage = await boris.context.newPage();
        await borisPage.goto(await inviteFor('boris', roomStartedAt));
        await borisPage.waitForURL(/#kino-room=/);
        await sidebar(borisPage).getByText(T('connected')).waitFor({ timeout: 15_000 });
        const input = sidebar(borisPage).getByRole('textbox', { name: T('chatPlaceholder') });
        await input.fill(lang === 'ru' ? 'Привет! Смотрим 🍿' : 'Hi! Popcorn ready 🍿');
        await input.press('Enter');
        await sidebar(borisPage)
          .getByRole('button', { name: T('react', { emoji: '😂' }) })
          .click();
        const float = annaPage.locator('.kv-float[data-emoji="😂"]');
        await float.waitFor({ timeout: 5000 });
        expect(await float.textContent()).toContain('Борис');
        // Its laid-out size (the animation scales it on the way in and out).
        const size = await annaPage.evaluate(() => {
          const svg = document
            .querySelector('kino-room')!
            .shadowRoot!.querySelector('.kv-float[data-emoji="😂"] svg')!;
          return Number.parseFloat(getComputedStyle(svg).width);
        });
        expect(size).toBeGreaterThanOrEqual(56);
        await snap(annaPage, 'reaction');
        // With reduced motion asked for, reactions fade in place instead of flying.
        const animation = (emoji: string) =>
          annaPage.evaluate(
            (e) =>
              getComputedStyle(
                document
                  .querySelector('kino-room')!
                  .shadowRoot!.querySelector(`.kv-float[data-emoji="${e}"]`)!,
              ).animationName,
            emoji,
          );
        expect(await animation('😂')).toBe('kv-float-rise');
        await annaPage.emulateMedia({ reducedMotion: 'reduce' });
        await sidebar(borisPage)
          .getByRole('button', { name: T('react', { emoji: '👍' }) })
          .click();
        await annaPage.locator('.kv-float[data-emoji="👍"]').waitFor({ timeout: 5000 });
        expect(await animation('👍')).toBe('kv-fade');
        await annaPage.emulateMedia({ reducedMotion: 'no-preference' });
      });

      test('a click on the seek bar is one toast on the other side', async () => {
        // Earlier toasts (Boris joined) have gone first.
        await annaPage.locator('.kv-toast').first().waitFor({ state: 'detached', timeout: 10_000 });
        await pressNativeControl(borisPage, 'timeline', 0.4);
        const toast = sidebar(annaPage).locator('.kv-toast');
        await toast.first().waitFor({ timeout: 5000 });
        await Bun.sleep(2500);
        const texts = await toast.allTextContents();
        expect(texts).toHaveLength(1);
        expect(texts[0]).toContain('Борис');
        await snap(annaPage, 'one-toast');
      });

      test('Watch together while in the room offers to show it or leave it', async () => {
        await annaPage.getByRole('button', { name: T('watchTogether') }).click();
        await annaPage.getByText(T('inRoomTitle')).waitFor();
        await snap(annaPage, 'watch-together-in-room');
        await annaPage.getByRole('button', { name: T('showRoom') }).click();
        expect(await annaPage.locator('.kv-panel').count()).toBe(0);
      });

      test('the player’s own full-screen button: it stays full screen, reactions float above', async () => {
        await pressNativeControl(annaPage, 'fullscreen');
        await annaPage.waitForFunction(() => document.fullscreenElement?.id === 'player');
        await Bun.sleep(1000);
        // Not dropped out, not moved elsewhere: the video is still what is full screen.
        expect(await fullscreenElement(annaPage)).toStartWith('video#player');
        await annaPage.getByText(T('fullscreenChatHint')).waitFor();
        await sidebar(borisPage)
          .getByRole('button', { name: T('react', { emoji: '😍' }) })
          .click();
        await annaPage.locator('.kv-float[data-emoji="😍"]').waitFor({ timeout: 5000 });
        expect(
          await annaPage.evaluate(
            () =>
              document
                .querySelector('kino-room')
                ?.shadowRoot?.querySelector('.kv-layer')
                ?.matches(':popover-open') ?? false,
          ),
        ).toBe(true);
        // The player's controls are still the player's: a real click pauses it there too.
        expect(await hitAtControl(annaPage, 'play')).toBe('video#player');
        await snap(annaPage, 'fullscreen-native');
        await annaPage.evaluate(() => document.exitFullscreen());
        await annaPage.waitForFunction(() => document.fullscreenElement === null);
        await sidebar(annaPage).getByText(T('connected')).waitFor();
      });

      test('our "full screen with chat": the film and a working sidebar side by side', async () => {
        await sidebar(annaPage)
          .getByRole('button', { name: T('fullscreenWithChat') })
          .click();
        await annaPage.waitForFunction(() =>
          document.fullscreenElement?.classList.contains('player'),
        );
        await Bun.sleep(1000);
        expect(await fullscreenElement(annaPage)).toContain('player');
        const aside = await box(annaPage, 'aside.kv-sidebar');
        const video = await box(annaPage, 'video#player');
        expect(video.x + video.width).toBeLessThanOrEqual(aside.x + 1);
        expect(video.width).toBeGreaterThan(800);
        expect(await hitAtControl(annaPage, 'fullscreen')).toBe('video#player');
        // The sidebar takes real clicks in full screen: chat, then leave full screen.
        const input = sidebar(annaPage).getByRole('textbox', { name: T('chatPlaceholder') });
        await input.fill(
          lang === 'ru' ? 'Во весь экран и с чатом' : 'Full screen, chat still here',
        );
        await input.press('Enter');
        await sidebar(borisPage)
          .locator('.kv-message', {
            hasText: /Во весь экран и с чатом|Full screen, chat still here/,
          })
          .waitFor();
        await snap(annaPage, 'fullscreen-with-chat');
        await sidebar(annaPage)
          .getByRole('button', { name: T('exitFullscreen') })
          .click();
        await annaPage.waitForFunction(() => document.fullscreenElement === null);
        await sidebar(annaPage)
          .getByRole('button', { name: T('fullscreenWithChat') })
          .waitFor();
      });

      test('Close room asks first; then both see a summary and "Start a new room", no live dots', async () => {
        await sidebar(annaPage)
          .getByRole('button', { name: T('closeRoom') })
          .click();
        await annaPage.getByRole('alertdialog').waitFor();
        await snap(annaPage, 'close-confirm');
        await annaPage.getByRole('button', { name: T('closeRoomYes') }).click();
        for (const page of [annaPage, borisPage]) {
          await sidebar(page)
            .getByRole('alert')
            .filter({ hasText: T('roomClosed') })
            .waitFor();
          expect(await sidebar(page).locator('.kv-dot').count()).toBe(0);
          expect(await sidebar(page).locator('.kv-composer').count()).toBe(0);
          expect(await sidebar(page).textContent()).toContain(T('startNewRoom'));
        }
        await snap(borisPage, 'closed');
      });

      let shareLink = '';

      test('"Start a new room" opens the panel; a new room starts', async () => {
        await sidebar(annaPage)
          .getByRole('button', { name: T('startNewRoom') })
          .click();
        await annaPage.locator('input[name="invitee"]').first().waitFor();
        roomStartedAt = Date.now() - 1000;
        await annaPage.getByRole('button', { name: T('start'), exact: true }).click();
        await sidebar(annaPage).getByText(T('connected')).waitFor({ timeout: 15_000 });
        shareLink = await inviteFor('boris', roomStartedAt);
      });

      test('a signed-in friend who was not invited learns whom to ask', async () => {
        const gleb = await profile('gleb');
        const page = await gleb.context.newPage();
        await page.goto(shareLink);
        await page.waitForURL(/#kino-room=/);
        await sidebar(page).getByText(T('forbiddenTitle')).waitFor({ timeout: 15_000 });
        // Whom to ask comes from the backend's answer, a moment after the refusal.
        await sidebar(page)
          .getByText(T('forbiddenHost', { owner: 'Анна' }))
          .waitFor();
        const text = await sidebar(page).textContent();
        expect(text).toContain(T('forbiddenHost', { owner: 'Анна' }));
        expect(text).toContain(T('summaryFilm', { film: 'Ночной поезд' }));
        expect(text).not.toContain(T('offline'));
        expect(await sidebar(page).locator('.kv-composer, .kv-emoji').count()).toBe(0);
        await snap(page, 'uninvited');
        const popup = await openPopup(gleb);
        await popup.getByText(T('forbiddenTitle')).waitFor();
        expect(await popup.textContent('body')).not.toContain('“”');
        await snap(popup, 'popup-uninvited');
        await popup.close();
        // Close takes the dead end away and the hash with it.
        await sidebar(page)
          .getByRole('button', { name: T('close'), exact: true })
          .click();
        await sidebar(page).waitFor({ state: 'detached' });
        expect(page.url()).not.toContain('kino-room');
      });

      test('not signed in: says to sign in, with Try again', async () => {
        const stranger = await profile(null);
        const page = await stranger.context.newPage();
        await page.goto(shareLink);
        await page.waitForURL(/#kino-room=/);
        await sidebar(page).getByText(T('signedOutTitle')).waitFor({ timeout: 15_000 });
        expect(
          await sidebar(page)
            .getByRole('button', { name: T('retry') })
            .count(),
        ).toBe(1);
        await snap(page, 'signed-out');
      });

      test('server unreachable: says so, keeps trying, offers Try now', async () => {
        const lost = await profile('vera');
        const popup = await openPopup(lost);
        await popup.locator('input[name="backendUrl"]').fill('http://localhost:9');
        await popup.getByRole('button', { name: T('popupSave') }).click();
        await popup.getByText(T('popupSaved')).waitFor();
        await popup.close();
        const roomId = new URL(shareLink).pathname.split('/').at(-1);
        const page = await openFilm(lost, 'night-train', `#kino-room=${roomId}`);
        await sidebar(page).getByText(T('unreachableTitle')).waitFor({ timeout: 20_000 });
        expect(
          await sidebar(page)
            .getByRole('button', { name: T('retryNow') })
            .count(),
        ).toBe(1);
        await snap(page, 'unreachable');
      });
    });
  }
});
