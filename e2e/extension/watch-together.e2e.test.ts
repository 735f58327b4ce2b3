/**
 * Issue 5 "Done means", end to end in Debian's Chromium with the built extension:
 * Anna starts a room from the film page, Boris joins from the e-mailed invite, and
 * play/pause/seek, chat and reactions travel both ways.
 */
import { afterAll, beforeAll, describe, expect, setDefaultTimeout, test } from 'bun:test';
import { hasChromium } from '@kino/test-support/services';
import type { Page } from 'playwright-core';
import { readOutbox, type Stack, startStack } from '../fixtures/dev-stack.ts';
import {
  buildExtension,
  launchProfile,
  openFilm,
  openPopup,
  type Profile,
  signIn,
} from '../fixtures/profile.ts';
import { videoState, waitForVideo } from '../fixtures/video.ts';

// Browsers on a shared 2-core machine: generous, the steps themselves wait for conditions.
setDefaultTimeout(90_000);

async function waitForInvite(to: string, timeoutMs = 15_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const mail = (await readOutbox()).find((m) => m.to.includes(to));
    const url = mail?.text.match(/https?:\/\/localhost:8787\/join\/\S+/)?.[0];
    if (url) return url;
    await Bun.sleep(250);
  }
  throw new Error(`no invite for ${to} reached the outbox`);
}

const sidebar = (page: Page) => page.getByRole('complementary', { name: 'Watching together' });

describe.skipIf(!hasChromium)('watch together (Chromium, built extension)', () => {
  let stack: Stack;
  let anna: Profile;
  let boris: Profile;
  let annaPage: Page;
  let borisPage: Page;

  beforeAll(async () => {
    await buildExtension();
    stack = await startStack();
    [anna, boris] = await Promise.all([launchProfile(), launchProfile()]);
    await Promise.all([signIn(anna, 'anna'), signIn(boris, 'boris')]);
  }, 300_000);

  afterAll(async () => {
    await Promise.all([anna?.close(), boris?.close()]);
    await stack?.stop();
  }, 30_000);

  test('the button appears next to the player', async () => {
    annaPage = await openFilm(anna, 'night-train');
    const button = annaPage
      .locator('.film-actions')
      .getByRole('button', { name: 'Watch together' });
    await button.waitFor({ timeout: 15_000 });
    expect(await button.isVisible()).toBe(true);
  });

  test('the matches for anna on night-train are Boris and Vera, all ticked', async () => {
    await annaPage.getByRole('button', { name: 'Watch together' }).click();
    const invitees = annaPage.locator('input[name="invitee"]');
    await invitees.first().waitFor();
    const values = await invitees.evaluateAll((els) =>
      els.map((el) => [(el as HTMLInputElement).value, (el as HTMLInputElement).checked]),
    );
    expect(values).toEqual([
      ['boris', true],
      ['vera', true],
    ]);
  });

  test('Start creates the room, playback starts and the invite reaches the outbox', async () => {
    await annaPage.getByRole('button', { name: 'Start' }).click();
    await sidebar(annaPage).getByText('Connected').waitFor({ timeout: 15_000 });
    await waitForVideo(annaPage, '!video.paused && video.currentTime > 0.3');
    const invite = await waitForInvite('boris');
    expect(invite).toContain('/join/');
    borisInvite = invite;
  });

  let borisInvite = '';

  test('Boris opens the invite link and joins at the room’s moment', async () => {
    borisPage = await boris.context.newPage();
    await borisPage.goto(borisInvite);
    await borisPage.waitForURL(/\/films\/night-train#kino-room=/, { timeout: 15_000 });
    await sidebar(borisPage).getByText('Connected').waitFor({ timeout: 15_000 });
    await waitForVideo(borisPage, '!video.paused');
    // Both names are listed on both sides.
    for (const page of [annaPage, borisPage]) {
      await sidebar(page).locator('[data-user-id="boris"]').waitFor();
      await sidebar(page).locator('[data-user-id="anna"]').waitFor();
    }
    const [a, b] = await Promise.all([videoState(annaPage), videoState(borisPage)]);
    expect(Math.abs(a.currentTime - b.currentTime)).toBeLessThan(1);
  });

  test('the popup shows who you are and the room with its people', async () => {
    const popup = await openPopup(anna);
    await popup.getByText('Signed in as Анна').waitFor({ timeout: 10_000 });
    await popup.getByText(/Room for/).waitFor();
    const people = await popup.locator('.people li').allTextContents();
    expect(people.sort()).toEqual(['Анна', 'Борис']);
    await popup.close();
  });

  test('a pause by Boris is followed by Anna', async () => {
    await borisPage.evaluate(() =>
      document.querySelector<HTMLVideoElement>('video#player')!.pause(),
    );
    await waitForVideo(annaPage, 'video.paused');
    await Bun.sleep(500);
    const [a, b] = await Promise.all([videoState(annaPage), videoState(borisPage)]);
    expect(a.paused && b.paused).toBe(true);
    expect(Math.abs(a.currentTime - b.currentTime)).toBeLessThan(0.3);
    // Anna is told who did it.
    await annaPage.getByText(/paused at \d+:\d\d/).waitFor();
  });

  test('play by Anna is followed by Boris', async () => {
    await annaPage.evaluate(
      () => void document.querySelector<HTMLVideoElement>('video#player')!.play(),
    );
    await waitForVideo(borisPage, '!video.paused');
    await Bun.sleep(1000);
    const [a, b] = await Promise.all([videoState(annaPage), videoState(borisPage)]);
    expect(a.paused || b.paused).toBe(false);
    expect(Math.abs(a.currentTime - b.currentTime)).toBeLessThan(0.5);
  });

  test('a seek by Anna is followed by Boris, and one by Boris by Anna', async () => {
    await annaPage.evaluate(() => {
      document.querySelector<HTMLVideoElement>('video#player')!.currentTime = 40;
    });
    await waitForVideo(borisPage, 'video.currentTime > 39 && video.currentTime < 45');
    await borisPage.evaluate(() => {
      document.querySelector<HTMLVideoElement>('video#player')!.currentTime = 12;
    });
    await waitForVideo(annaPage, 'video.currentTime > 11 && video.currentTime < 17');
    await Bun.sleep(1000);
    const [a, b] = await Promise.all([videoState(annaPage), videoState(borisPage)]);
    expect(Math.abs(a.currentTime - b.currentTime)).toBeLessThan(0.5);
  });

  test('chat and a reaction show on both sides', async () => {
    const input = sidebar(borisPage).getByRole('textbox', { name: 'Message…' });
    await input.fill('Привет, Аня!');
    await input.press('Enter');
    for (const page of [annaPage, borisPage]) {
      await sidebar(page)
        .locator('.kv-message:not(.kv-pending)', { hasText: 'Привет, Аня!' })
        .waitFor();
    }
    await sidebar(annaPage).getByRole('button', { name: 'React with 😍' }).click();
    for (const page of [annaPage, borisPage]) {
      await page.locator('.kv-float[data-emoji="😍"]').waitFor({ timeout: 5000 });
    }
  });

  test('Boris drops off the network: chat written meanwhile arrives once after he reconnects', async () => {
    await boris.context.setOffline(true);
    await sidebar(borisPage).getByText('Offline', { exact: true }).waitFor({ timeout: 15_000 });
    const input = sidebar(borisPage).getByRole('textbox', { name: 'Message…' });
    await input.fill('Я тут, связь пропала');
    await input.press('Enter');
    await sidebar(borisPage).locator('.kv-pending', { hasText: 'связь пропала' }).waitFor();
    await boris.context.setOffline(false);
    await sidebar(borisPage).getByText('Connected').waitFor({ timeout: 30_000 });
    const line = sidebar(annaPage).locator('.kv-message', { hasText: 'связь пропала' });
    await line.waitFor({ timeout: 15_000 });
    await Bun.sleep(500);
    expect(await line.count()).toBe(1);
    await waitForVideo(borisPage, '!video.paused');
  });

  test('the owner closes the room: both sides are told, and each video is its own again', async () => {
    await sidebar(annaPage).getByRole('button', { name: 'Close room' }).click();
    await sidebar(annaPage).getByRole('button', { name: 'Close for everyone' }).click();
    for (const page of [annaPage, borisPage]) {
      await sidebar(page).getByText('The room was closed.').waitFor({ timeout: 10_000 });
    }
    expect(await sidebar(annaPage).getByRole('button', { name: 'Close room' }).count()).toBe(0);
    // Boris pauses: his video stays paused (no correction back) and Anna's keeps playing.
    await borisPage.evaluate(() =>
      document.querySelector<HTMLVideoElement>('video#player')!.pause(),
    );
    await Bun.sleep(1000);
    const [a, b] = await Promise.all([videoState(annaPage), videoState(borisPage)]);
    expect(b.paused).toBe(true);
    expect(a.paused).toBe(false);
  });
});
