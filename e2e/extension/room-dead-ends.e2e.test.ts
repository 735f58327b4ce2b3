/**
 * The dead ends of issue 12 in Debian's Chromium, in English and Russian: a signed-in friend
 * who was not invited learns whom to ask (and can knock), someone signed out is told to sign
 * in, and an unreachable server says so and keeps trying. Photographed into
 * e2e/artifacts/<lang>/ after room-states.e2e.test.ts's pictures.
 */
import { afterAll, beforeAll, describe, expect, setDefaultTimeout, test } from 'bun:test';
import { hasChromium } from '@kino/test-support/services';
import { openFilm, openPopup } from '../fixtures/profile.ts';
import { inviteFor, LANGS, screenKit, withDevStack } from '../fixtures/room-screens.ts';

setDefaultTimeout(90_000);

describe.skipIf(!hasChromium)('a room’s dead ends each have a next step (Chromium)', () => {
  withDevStack();

  for (const language of LANGS) {
    describe(`in ${language.lang}`, () => {
      const { T, sidebar, snap, profile, closeProfiles } = screenKit(language, 40);
      let shareLink = '';

      beforeAll(async () => {
        // Anna starts a room for Boris and Vera; others come by its link.
        const anna = await profile('anna');
        const page = await openFilm(anna, 'night-train');
        await page.getByRole('button', { name: T('watchTogether') }).click();
        await page.locator('input[name="invitee"]').first().waitFor();
        const startedAt = Date.now() - 1000;
        await page.getByRole('button', { name: T('start'), exact: true }).click();
        await sidebar(page).getByText(T('connected')).waitFor({ timeout: 15_000 });
        shareLink = await inviteFor('boris', startedAt);
      }, 120_000);

      afterAll(closeProfiles, 30_000);

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
