/**
 * Issue 14, item 3 — the room's reaction timeline, told on the demo cinema in Debian's
 * Chromium with the built extension: Anna and Boris react at two moments of «Ночной поезд»
 * (native controls), the heat strip appears above the player's controls with a peak for
 * each, Boris jumps the room to a peak, and Vera, joining late (in Russian), sees their
 * reactions float again as the film reaches those moments. With KINO_SCREENSHOTS_DIR set it
 * saves the README's screenshots there (en and ru).
 */
import { afterAll, beforeAll, describe, expect, setDefaultTimeout, test } from 'bun:test';
import { join } from 'node:path';
import { hasChromium } from '@kino/test-support/services';
import type { Page } from 'playwright-core';
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

const SHOTS = process.env.KINO_SCREENSHOTS_DIR;

async function inviteFor(to: string): Promise<string> {
  for (let i = 0; i < 60; i++) {
    const mail = (await readOutbox()).find((m) => m.to.includes(to));
    const url = mail?.text.match(/https?:\/\/localhost:8787\/join\/\S+/)?.[0];
    if (url) return url;
    await Bun.sleep(250);
  }
  throw new Error(`no invite for ${to}`);
}

const seek = (page: Page, to: number) =>
  page.evaluate((t) => {
    document.querySelector<HTMLVideoElement>('video#player')!.currentTime = t;
  }, to);

const react = (page: Page, emoji: string) =>
  page
    .locator(`.kv-reactions button:has(svg)`)
    .nth(REACTION_INDEX[emoji] ?? 0)
    .click();

// The order of the reaction bar (shared REACTIONS): 😢 😱 😁 😍 👍 👏 🔥 😮 😂 ❤️
const REACTION_INDEX: Record<string, number> = { '😱': 1, '😍': 3, '😂': 8 };

describe.skipIf(!hasChromium)('reaction timeline (Chromium, built extension)', () => {
  let stack: Stack;
  let anna: Profile;
  let boris: Profile;
  let vera: Profile;
  let annaPage: Page;
  let borisPage: Page;
  let veraPage: Page;

  beforeAll(async () => {
    await buildExtension();
    stack = await startStack();
    [anna, boris, vera] = await Promise.all([
      launchProfile(),
      launchProfile(),
      launchProfile('ru-RU'),
    ]);
    await Promise.all([signIn(anna, 'anna'), signIn(boris, 'boris'), signIn(vera, 'vera')]);
  }, 300_000);

  afterAll(async () => {
    await Promise.all([anna?.close(), boris?.close(), vera?.close()]);
    await stack?.stop();
  }, 30_000);

  test('Anna and Boris react at two moments of the film', async () => {
    annaPage = await openFilm(anna, 'night-train');
    await annaPage.getByRole('button', { name: 'Watch together' }).click();
    await annaPage.locator('input[name="invitee"]').first().waitFor();
    await annaPage.getByRole('button', { name: 'Start', exact: true }).click();
    await annaPage.locator('.kv-live').waitFor({ timeout: 15_000 });
    await waitForVideo(annaPage, '!video.paused');
    borisPage = await boris.context.newPage();
    await borisPage.goto(await inviteFor('boris'));
    await borisPage.locator('[data-user-id="anna"]').waitFor({ timeout: 15_000 });
    await waitForVideo(borisPage, '!video.paused');

    // Nobody was late: replay starts off for both.
    for (const page of [annaPage, borisPage]) {
      expect(await page.getByRole('switch', { name: 'Replay reactions' }).isChecked()).toBe(false);
    }
    // Laughter around 0:20, a gasp around 1:10.
    await seek(annaPage, 20);
    await waitForVideo(borisPage, 'video.currentTime > 19.5 && video.currentTime < 23');
    await react(annaPage, '😂');
    await react(borisPage, '😂');
    await react(annaPage, '😂');
    await seek(borisPage, 70);
    await waitForVideo(annaPage, 'video.currentTime > 69.5 && video.currentTime < 73');
    await react(borisPage, '😱');
    await react(annaPage, '😱');
    await annaPage.locator('.kv-float[data-emoji="😱"]').first().waitFor();
  });

  test('the heat strip appears above the player’s own controls, a peak at each moment', async () => {
    const strip = annaPage.locator('.kv-strip');
    await strip.waitFor({ timeout: 10_000 });
    // All five, once Anna's last reaction (sent as the first 😱 floated) is stored and back.
    await annaPage.locator('.kv-strip[data-total="5"]').waitFor({ timeout: 10_000 });
    const peaks = annaPage.locator('.kv-strip-peak');
    await peaks.nth(1).waitFor();
    const found = await peaks.evaluateAll((els) =>
      els.map((el) => [el.getAttribute('data-emoji'), Number(el.getAttribute('data-position'))]),
    );
    expect(found.map(([emoji]) => emoji)).toEqual(['😂', '😱']);
    const [laugh, gasp] = found.map(([, p]) => p as number);
    expect(laugh).toBeGreaterThanOrEqual(19);
    expect(laugh).toBeLessThan(24);
    expect(gasp).toBeGreaterThanOrEqual(69);
    expect(gasp).toBeLessThan(74);
    // The native control bar (its bottom 40 px) stays clear, and the strip is over the video.
    const video = (await annaPage.locator('video#player').boundingBox())!;
    const box = (await strip.boundingBox())!;
    expect(box.y + box.height).toBeLessThanOrEqual(video.y + video.height - 40);
    expect(box.y).toBeGreaterThan(video.y + video.height / 2);
    expect(box.width).toBeGreaterThan(video.width * 0.8);
    // The same strip on Boris's side (the histogram is the room's, not the tab's).
    await borisPage.locator('.kv-strip[data-total="5"]').waitFor({ timeout: 10_000 });
    if (SHOTS) {
      await annaPage.mouse.move(10, 10);
      await annaPage.screenshot({ path: join(SHOTS, 'reaction-strip.en.png') });
    }
  });

  let laughAt = 0;

  test('Boris jumps to the laughter: the room seeks there for everyone', async () => {
    const peak = borisPage.locator('.kv-strip-peak[data-emoji="😂"]');
    laughAt = Number(await peak.getAttribute('data-position'));
    expect(await peak.getAttribute('aria-label')).toMatch(/Jump there for everyone/);
    await peak.click();
    const near = `Math.abs(video.currentTime - ${laughAt}) < 2.5`;
    await Promise.all([waitForVideo(annaPage, near), waitForVideo(borisPage, near)]);
    // Anna is told who moved the room, as for any seek.
    await annaPage.locator('.kv-toast', { hasText: /Борис/ }).first().waitFor();
    const [a, b] = await Promise.all([videoState(annaPage), videoState(borisPage)]);
    expect(Math.abs(a.currentTime - b.currentTime)).toBeLessThan(0.5);
  });

  test('Vera joins late: replay is on, and the reactions float at their moments', async () => {
    // The room goes back before the laughter; Vera comes in (in Russian) while it plays.
    await seek(annaPage, Math.max(0, laughAt - 6));
    await waitForVideo(borisPage, `video.currentTime < ${laughAt - 3}`);
    veraPage = await vera.context.newPage();
    await veraPage.goto(await inviteFor('vera'));
    await veraPage.locator('[data-user-id="anna"]').waitFor({ timeout: 15_000 });
    const replaySwitch = veraPage.getByRole('switch', { name: 'Повтор реакций' });
    await replaySwitch.waitFor();
    await veraPage.waitForFunction(
      () =>
        document
          .querySelector('kino-room')
          ?.shadowRoot?.querySelector<HTMLInputElement>('.kv-replay input')?.checked === true,
      undefined,
      { timeout: 10_000 },
    );
    // Nothing was sent meanwhile: what floats is the replay of Anna's and Boris's laughter.
    const replayed = veraPage.locator('.kv-float-replay[data-emoji="😂"]');
    await replayed.first().waitFor({ timeout: 20_000 });
    const when = (await videoState(veraPage)).currentTime;
    expect(when).toBeGreaterThan(laughAt - 0.5);
    expect(when).toBeLessThan(laughAt + 3);
    expect(
      await veraPage.locator('.kv-float-replay .kv-float-badge').first().textContent(),
    ).toContain('раньше');
    await veraPage.locator('.kv-strip[data-total="5"]').waitFor();
    if (SHOTS) await veraPage.screenshot({ path: join(SHOTS, 'reaction-replay.ru.png') });
    // Anna was there all along: replay stays off for her, nothing floats again.
    expect(await annaPage.locator('.kv-float-replay').count()).toBe(0);
  });

  test('Anna switches replay on and watches the laughter again', async () => {
    await annaPage.getByRole('switch', { name: 'Replay reactions' }).check();
    await annaPage.locator('.kv-strip-peak[data-emoji="😂"]').click();
    await annaPage
      .locator('.kv-float-replay[data-emoji="😂"]')
      .first()
      .waitFor({ timeout: 20_000 });
    if (SHOTS) {
      await Bun.sleep(300);
      await annaPage.screenshot({ path: join(SHOTS, 'reaction-replay.en.png') });
      await veraPage.screenshot({ path: join(SHOTS, 'reaction-strip.ru.png') });
    }
  });

  test('in an owner-only room the others see the peaks but cannot jump', async () => {
    await annaPage.getByRole('checkbox', { name: 'Only I control playback' }).check();
    const peak = borisPage.locator('.kv-strip-peak[data-emoji="😱"]');
    await borisPage.waitForFunction(
      () =>
        document
          .querySelector('kino-room')
          ?.shadowRoot?.querySelector('.kv-strip-peak[data-emoji="😱"]')
          ?.getAttribute('aria-disabled') === 'true',
      undefined,
      { timeout: 10_000 },
    );
    const before = (await videoState(borisPage)).currentTime;
    // Clicked anyway (past Playwright's own aria-disabled check): nothing moves.
    await peak.click({ force: true });
    await Bun.sleep(1500);
    const after = (await videoState(borisPage)).currentTime;
    expect(Math.abs(after - before - 1.5)).toBeLessThan(1.2);
    expect(await peak.getAttribute('aria-label')).toMatch(/Only the host can jump there/);
  });

  test('the room closes; Vera watches its film again later with the room’s reactions', async () => {
    const roomHash = new URL(veraPage.url()).hash;
    await annaPage.getByRole('button', { name: 'Close room' }).click();
    await annaPage.getByRole('button', { name: 'Close for everyone' }).click();
    await veraPage.locator('.kv-screen').waitFor({ timeout: 10_000 });
    await veraPage.close();
    // Later, from the room's link: the room is closed, its reactions are not.
    veraPage = await openFilm(vera, 'night-train', roomHash);
    await veraPage.locator('.kv-replay-later').waitFor({ timeout: 15_000 });
    const peak = veraPage.locator('.kv-strip-peak[data-emoji="😂"]');
    await peak.waitFor({ timeout: 10_000 });
    // The timeline is there (it has reactions): replay is on for someone who was not.
    expect(await veraPage.getByRole('switch', { name: 'Повтор реакций' }).isChecked()).toBe(true);
    // Her own video now: a jump is a seek of her player alone.
    await peak.click();
    await waitForVideo(veraPage, `Math.abs(video.currentTime - ${laughAt}) < 1`);
    await veraPage.evaluate(() => {
      const video = document.querySelector<HTMLVideoElement>('video#player')!;
      video.currentTime = Math.max(0, video.currentTime - 3);
      void video.play();
    });
    await waitForVideo(veraPage, `!video.paused && video.currentTime < ${laughAt}`);
    await veraPage
      .locator('.kv-float-replay[data-emoji="😂"]')
      .first()
      .waitFor({ timeout: 15_000 });
    if (SHOTS) await veraPage.screenshot({ path: join(SHOTS, 'reaction-rewatch.ru.png') });
  });

  test('on the cinema’s own player the strip runs along its progress bar, above its controls', async () => {
    const page = await openFilm(anna, 'long-road');
    await page.getByRole('button', { name: 'Watch together' }).click();
    await page.getByRole('button', { name: 'Start', exact: true }).click();
    await page.locator('.kv-live').waitFor({ timeout: 15_000 });
    await waitForVideo(page, 'video.duration > 60 && !video.paused', 30_000);
    await react(page, '😍');
    await react(page, '😍');
    const strip = page.locator('.kv-strip[data-total="2"]');
    await strip.waitFor({ timeout: 10_000 });
    const [box, seekBar, controls] = await Promise.all([
      strip.boundingBox(),
      page.locator('.player-seek').boundingBox(),
      page.locator('.player-controls').boundingBox(),
    ]);
    expect(Math.abs(box!.x - seekBar!.x)).toBeLessThan(1);
    expect(Math.abs(box!.width - seekBar!.width)).toBeLessThan(1);
    expect(box!.y + box!.height).toBeLessThanOrEqual(controls!.y);
    if (SHOTS) {
      await page.locator('.cinema-player').hover();
      await page.screenshot({ path: join(SHOTS, 'reaction-strip-cinema-player.en.png') });
    }
  });
});
