/**
 * Firefox: Debian's firefox-esr (driven by puppeteer-core over WebDriver BiDi) installs
 * the Firefox build, the button appears on the demo film page, and in a room full
 * screen works: the player's own button keeps the film full screen, and ours puts the
 * player with a working sidebar in full screen; reactions float over the film and their heat
 * strip sits over the picture, clear of Firefox's own control bar. Clicks are puppeteer's
 * trusted input.
 */
import { afterAll, beforeAll, describe, expect, setDefaultTimeout, test } from 'bun:test';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { FIREFOX_PATH, hasFirefox } from '@kino/test-support/services';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { REACTIONS } from '../../shared/src/protocol/primitives.ts';
import { CINEMA_URL, type Stack, startStack } from '../fixtures/dev-stack.ts';
import { buildExtension, FIREFOX_BUILD } from '../fixtures/profile.ts';

// Browsers on a shared 2-core machine: generous, the steps themselves wait for conditions.
setDefaultTimeout(90_000);

const ARTIFACTS = join(import.meta.dir, '../artifacts/firefox');

describe.skipIf(!hasFirefox)('Firefox build', () => {
  let stack: Stack;
  let browser: Browser;
  /** Anna's film page, in a room from the full-screen test on. */
  let page: Page;

  beforeAll(async () => {
    await buildExtension();
    stack = await startStack();
    browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath: FIREFOX_PATH,
      headless: true,
    });
    await browser.installExtension(FIREFOX_BUILD);
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  }, 30_000);

  test('installs and shows the Watch together button next to the player', async () => {
    const page = await browser.newPage();
    await page.goto(`${CINEMA_URL}/films/night-train`);
    const host = await page.waitForSelector('.film-actions kino-watch-together', {
      timeout: 20_000,
    });
    expect(host).not.toBeNull();
    const label = await page.waitForFunction(
      () =>
        document
          .querySelector('kino-watch-together')
          ?.shadowRoot?.querySelector('button.kv-watch')
          ?.textContent?.trim() ?? null,
      { timeout: 10_000 },
    );
    expect(String(await label.jsonValue())).toMatch(/Watch together|Смотреть вместе/);
  }, 60_000);

  test('in a room: the player’s full-screen button stays full screen; ours keeps the chat', async () => {
    page = await browser.newPage();
    await page.setViewport({ width: 1280, height: 800 });
    await page.goto(`${CINEMA_URL}/login?next=${encodeURIComponent('/films/night-train')}`);
    await page.type('input[name=login]', 'anna');
    await page.type('input[name=password]', 'kino');
    await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
    const watch = await page.waitForSelector('kino-watch-together >>> button.kv-watch');
    await watch!.click();
    const start = await page.waitForSelector(
      'kino-watch-together >>> .kv-panel form button.kv-primary',
    );
    await start!.click();
    await page.waitForSelector('kino-room >>> aside.kv-sidebar[data-status="connected"]', {
      timeout: 20_000,
    });
    const fullscreen = () =>
      page.evaluate(() => {
        const el = document.fullscreenElement;
        return el ? el.id || el.className : null;
      });
    // The sidebar docks: the video ends where it begins.
    const layout = await page.evaluate(() => {
      const video = document.querySelector('video#player')!.getBoundingClientRect();
      const aside = document
        .querySelector('kino-room')!
        .shadowRoot!.querySelector('aside')!
        .getBoundingClientRect();
      const { x, y, width, height } = video;
      return { videoRight: video.right, asideLeft: aside.left, video: { x, y, width, height } };
    });
    expect(layout.videoRight).toBeLessThanOrEqual(layout.asideLeft);
    // Firefox's controls: the full-screen button is the last one, at the bar's right end.
    const { video } = layout;
    await page.mouse.move(video.x + video.width / 2, video.y + video.height / 2);
    await Bun.sleep(300);
    await page.mouse.click(video.x + video.width - 20, video.y + video.height - 20);
    await page.waitForFunction(() => document.fullscreenElement?.id === 'player', {
      timeout: 10_000,
    });
    await Bun.sleep(1000);
    expect(await fullscreen()).toBe('player');
    await mkdir(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'fullscreen-native.png') });
    await page.evaluate(() => document.exitFullscreen());
    await page.waitForFunction(() => document.fullscreenElement === null);
    const ours = await page.waitForSelector(
      'kino-room >>> button[aria-label="Full screen with chat"]',
    );
    await ours!.click();
    await page.waitForFunction(() => document.fullscreenElement?.classList.contains('player'), {
      timeout: 10_000,
    });
    await Bun.sleep(500);
    // The sidebar is inside the full-screen element, so it takes clicks there.
    const hit = await page.evaluate(() => {
      const aside = document
        .querySelector('kino-room')!
        .shadowRoot!.querySelector('aside')!
        .getBoundingClientRect();
      const el = document.elementFromPoint(aside.x + aside.width / 2, aside.y + 200);
      return el?.tagName.toLowerCase();
    });
    expect(hit).toBe('kino-room');
    await mkdir(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'fullscreen-with-chat.png') });
    const exit = await page.waitForSelector('kino-room >>> button[aria-label="Exit full screen"]');
    await exit!.click();
    await page.waitForFunction(() => document.fullscreenElement === null, { timeout: 10_000 });
  }, 90_000);

  test('reactions float, and their strip sits over the picture above Firefox’s controls', async () => {
    const nth = REACTIONS.indexOf('😂') + 1;
    const laugh = await page.waitForSelector(
      `kino-room >>> .kv-reactions button:nth-child(${nth})`,
    );
    await laugh!.click();
    await page.waitForSelector('kino-room >>> .kv-float[data-emoji="😂"]', { timeout: 10_000 });
    await laugh!.click();
    const strip = await page.waitForSelector('pierce/.kv-strip[data-total="2"]', {
      timeout: 15_000,
    });
    const peak = await page.waitForSelector('pierce/.kv-strip-peak[data-emoji="😂"]');
    expect(peak).not.toBeNull();
    const video = (await (await page.$('video#player'))!.boundingBox())!;
    const box = (await strip!.boundingBox())!;
    // Over the picture's lower half, the bottom 40 px (the native control bar) left free.
    expect(box.y + box.height).toBeLessThanOrEqual(video.y + video.height - 40);
    expect(box.y).toBeGreaterThan(video.y + video.height / 2);
    expect(box.width).toBeGreaterThan(video.width * 0.8);
    await page.mouse.move(video.x + video.width / 2, video.y + video.height / 2);
    await Bun.sleep(300);
    await page.screenshot({ path: join(ARTIFACTS, 'reaction-strip.png') });
  }, 60_000);
});
