/**
 * The film page in a real headless Chromium after signing in through the form: the
 * 12-minute film's HLS stream plays and seeks far into what is not yet loaded.
 */
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { CHROMIUM_PATH, hasChromium } from '@kino/test-support/services';
import { type Browser, chromium } from 'playwright-core';
import { type RunningCinema, startCinema } from './server.ts';

describe.skipIf(!hasChromium)('film page in Chromium', () => {
  let cinema: RunningCinema;
  let browser: Browser;
  beforeAll(async () => {
    cinema = await startCinema({ port: 0 });
    browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run'],
    });
  });
  afterAll(async () => {
    await browser?.close();
    await cinema?.stop();
  });

  test('sign in through the form, then the film plays and seeks', async () => {
    const page = await browser.newPage();
    await page.goto(`${cinema.url}/login?next=%2Ffilms%2Flong-road`);
    await page.fill('input[name=login]', 'anna');
    await page.fill('input[name=password]', 'kino');
    await page.click('button[type=submit]');
    await page.waitForURL(`${cinema.url}/films/long-road`);
    expect(await page.locator('.user-name').textContent()).toBe('Анна');
    expect(await page.locator('main.film').getAttribute('data-film-id')).toBe('long-road');

    const result = await page.locator('video#player').evaluate(async (video: HTMLVideoElement) => {
      video.muted = true;
      await video.play();
      video.currentTime = 600;
      await new Promise((resolve) => video.addEventListener('seeked', resolve, { once: true }));
      return { duration: video.duration, currentTime: video.currentTime };
    });
    expect(result.duration).toBeCloseTo(720, 0);
    expect(result.currentTime).toBeGreaterThanOrEqual(599);
    // The session cookie is HttpOnly: page scripts cannot read it, /api/session can.
    expect(await page.evaluate(() => document.cookie)).toBe('');
    const session = await page.evaluate(async () => (await fetch('/api/session')).json());
    expect(session).toMatchObject({ user: { id: 'anna', name: 'Анна' } });
  });
});
