/**
 * Issue 12 in Debian's Chromium with the built extension, once in English and once in
 * Russian: the docked sidebar leaves the player's own controls usable, full screen (the
 * player's real button and ours), one toast per action, reactions with names, closing with a
 * summary. Every state is photographed into e2e/artifacts/<lang>/; the dead ends (not
 * invited, signed out, unreachable) are in room-dead-ends.e2e.test.ts.
 */
import { afterAll, beforeAll, describe, expect, setDefaultTimeout, test } from 'bun:test';
import { hasChromium } from '@kino/test-support/services';
import type { Page } from 'playwright-core';
import { hitAtControl, nativeControlBox, pressNativeControl } from '../fixtures/native-controls.ts';
import { openFilm, type Profile } from '../fixtures/profile.ts';
import {
  box,
  fullscreenElement,
  inviteFor,
  LANGS,
  overlaps,
  screenKit,
  withDevStack,
} from '../fixtures/room-screens.ts';
import { waitForVideo } from '../fixtures/video.ts';

setDefaultTimeout(90_000);

describe.skipIf(!hasChromium)('the room feels native (Chromium)', () => {
  withDevStack();

  for (const language of LANGS) {
    describe(`in ${language.lang}`, () => {
      const { T, sidebar, snap, profile, closeProfiles } = screenKit(language);
      const ru = language.lang === 'ru';
      let anna: Profile;
      let boris: Profile;
      let annaPage: Page;
      let borisPage: Page;
      let roomStartedAt = 0;

      beforeAll(async () => {
        [anna, boris] = await Promise.all([profile('anna'), profile('boris')]);
      }, 120_000);

      afterAll(closeProfiles, 30_000);

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
        await input.fill(ru ? 'Привет! Смотрим 🍿' : 'Hi! Popcorn ready 🍿');
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
        await input.fill(ru ? 'Во весь экран и с чатом' : 'Full screen, chat still here');
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

      test('"Start a new room" opens the panel; a new room starts', async () => {
        await sidebar(annaPage)
          .getByRole('button', { name: T('startNewRoom') })
          .click();
        await annaPage.locator('input[name="invitee"]').first().waitFor();
        roomStartedAt = Date.now() - 1000;
        await annaPage.getByRole('button', { name: T('start'), exact: true }).click();
        await sidebar(annaPage).getByText(T('connected')).waitFor({ timeout: 15_000 });
        expect(await inviteFor('boris', roomStartedAt)).toContain('/join/');
      });
    });
  }
});
