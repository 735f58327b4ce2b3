/**
 * The cinema's own player in headless Chromium, pressed the way a viewer presses it: its
 * buttons, seek bar, keys, quality menu and full-screen button, and the pre-roll ad that
 * plays in the same <video> before the film.
 */
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { CHROMIUM_PATH, hasChromium, hasFfmpeg } from '@kino/test-support/services';
import { type Browser, chromium, type Page } from 'playwright-core';
import { type RunningCinema, startCinema } from './server.ts';

interface VideoState {
  paused: boolean;
  currentTime: number;
  duration: number;
  videoHeight: number;
  phase: string | undefined;
  classes: string;
  fullscreen: string | null;
}

const state = (page: Page): Promise<VideoState> =>
  page.evaluate(() => {
    const container = document.querySelector<HTMLElement>('.player')!;
    const video = container.querySelector('video')!;
    const full = document.fullscreenElement;
    return {
      paused: video.paused,
      currentTime: video.currentTime,
      duration: video.duration,
      videoHeight: video.videoHeight,
      phase: container.dataset.phase,
      classes: container.className,
      fullscreen: full ? `${full.tagName.toLowerCase()}.${full.className.split(' ')[0]}` : null,
    };
  });

async function until(page: Page, what: string, check: (s: VideoState) => boolean, ms = 15_000) {
  const deadline = Date.now() + ms;
  let last = await state(page);
  while (!check(last)) {
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${what}: ${JSON.stringify(last)}`);
    await Bun.sleep(100);
    last = await state(page);
  }
  return last;
}

/** Records the container's ad events and the time the film took over. */
const recordAdEvents = (page: Page) =>
  page.evaluate(() => {
    const container = document.querySelector<HTMLElement>('.player')!;
    const log: string[] = [];
    (window as unknown as { adLog: string[] }).adLog = log;
    for (const type of ['adstart', 'adend']) container.addEventListener(type, () => log.push(type));
  });
const adLog = (page: Page) => page.evaluate(() => (window as unknown as { adLog: string[] }).adLog);

describe.skipIf(!hasChromium || !hasFfmpeg)('the cinema player in Chromium', () => {
  let cinema: RunningCinema;
  let browser: Browser;
  beforeAll(async () => {
    cinema = await startCinema({ port: 0 });
    browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run'],
    });
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await cinema?.stop();
  });
  const open = async (path: string) => {
    const page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
    await page.goto(`${cinema.url}${path}`);
    return page;
  };

  test('its own buttons play, pause, seek, mute, pick a quality and go full screen', async () => {
    const page = await open('/films/long-road');
    await until(page, 'the stream to load', (s) => s.duration > 700);
    expect(await page.locator('video#player').getAttribute('controls')).toBeNull();

    await page.click('.player-big-play');
    await until(page, 'playing', (s) => !s.paused && s.currentTime > 0.3);
    expect((await state(page)).classes).toContain('is-playing');
    await page.click('.player-play');
    // The controls follow the <video>'s own events, which come after its state changes.
    await until(page, 'paused', (s) => s.paused && !s.classes.includes('is-playing'));
    expect(await page.getAttribute('.player-play', 'aria-label')).toBe('Смотреть · Play');

    // Half way along the seek bar is half way into the 12-minute film.
    const bar = (await page.locator('.player-seek').boundingBox())!;
    await page.mouse.click(bar.x + bar.width / 2, bar.y + bar.height / 2);
    const sought = await until(page, 'the seek', (s) => Math.abs(s.currentTime - 360) < 20);
    const clock = `${Math.floor(sought.currentTime / 60)}:${String(Math.floor(sought.currentTime % 60)).padStart(2, '0')}`;
    await page.waitForFunction(
      (text) => document.querySelector('.player-current')?.textContent === text,
      clock,
    );
    expect(await page.textContent('.player-duration')).toBe('12:00');

    // Arrow keys jump 5 s while focus is in the player.
    await page.focus('.player-play');
    await page.keyboard.press('ArrowRight');
    await until(page, '+5 s', (s) => Math.abs(s.currentTime - (sought.currentTime + 5)) < 0.5);
    await page.keyboard.press('k');
    await until(page, 'k plays', (s) => !s.paused);

    await page.click('.player-mute');
    await page.waitForSelector('.player-mute.is-muted');
    expect(await page.evaluate(() => document.querySelector('video')!.muted)).toBe(true);
    expect(await page.getAttribute('.player-mute', 'aria-label')).toBe('Включить звук · Unmute');

    await page.click('.player-quality-button');
    expect(await page.locator('.player-quality-menu li').allTextContents()).toEqual([
      'Авто · Auto',
      '144p',
      '108p',
    ]);
    await page.click('.player-quality-menu li:has-text("108p")');
    await until(page, 'the 108p picture', (s) => s.videoHeight === 108 && !s.paused);
    expect(await page.textContent('.player-quality-button')).toBe('108p');

    // Full screen is the whole player (controls and all), not the bare <video>.
    await page.click('.player-fullscreen');
    const full = await until(page, 'full screen', (s) => s.classes.includes('is-fullscreen'));
    expect(full.fullscreen).toBe('div.player');
    expect(await page.getAttribute('.player-fullscreen', 'aria-label')).toContain(
      'Exit full screen',
    );
    await page.click('.player-fullscreen');
    await until(page, 'full screen to end', (s) => !s.classes.includes('is-fullscreen'));
    expect((await state(page)).fullscreen).toBeNull();
    await page.close();
  }, 90_000);

  test('the pre-roll ad plays in the same <video>, cannot be seeked, then the film starts at 0', async () => {
    const page = await open('/films/first-snow');
    const ad = await until(page, 'the ad to load', (s) => s.duration > 0);
    expect(ad.phase).toBe('ad');
    expect(ad.classes).toContain('ad-showing');
    expect(ad.duration).toBeCloseTo(10, 0);
    expect(await page.isDisabled('.player-seek')).toBe(true);
    expect(await page.isHidden('.player-quality')).toBe(true);
    expect(await page.textContent('.player-ad-label')).toBe('Реклама · Ad');
    expect(await page.isHidden('.player-skip-intro')).toBe(true);
    await recordAdEvents(page);
    const videoBefore = await page.evaluateHandle(() => document.querySelector('video')!);

    await page.click('.player-big-play');
    await until(page, 'the ad to play', (s) => !s.paused && s.currentTime > 1);
    expect(await adLog(page)).toEqual(['adstart']);

    // A seek from outside (a script, an extension's correction) is put back by the page.
    await page.evaluate(() => {
      document.querySelector('video')!.currentTime = 8;
    });
    await Bun.sleep(400);
    const after = await state(page);
    expect(after.phase).toBe('ad');
    expect(after.currentTime).toBeLessThan(4);

    const film = await until(page, 'the film', (s) => s.phase === 'film', 20_000);
    expect(film.classes).not.toContain('ad-showing');
    const playing = await until(page, 'the film to play', (s) => s.duration > 55 && !s.paused);
    expect(playing.currentTime).toBeLessThan(2);
    expect(await adLog(page)).toEqual(['adstart', 'adend']);
    expect(await page.isHidden('.player-ad')).toBe(true);
    expect(await page.isDisabled('.player-seek')).toBe(false);
    // The film's own titles: "Skip intro" is offered now, not during the ad.
    expect(await page.isVisible('.player-skip-intro')).toBe(true);
    // The same element: the ad and the film share one <video>.
    expect(await page.evaluate((v) => v === document.querySelector('video'), videoBefore)).toBe(
      true,
    );
    await page.close();
  }, 60_000);

  test('"Skip intro" jumps past the titles by page code and says so', async () => {
    const page = await open('/films/long-road');
    await until(page, 'the stream to load', (s) => s.duration > 700);
    await page.evaluate(() => {
      const log: unknown[] = [];
      (window as unknown as { introLog: unknown[] }).introLog = log;
      document
        .querySelector('.player')!
        .addEventListener('introskip', (e) => log.push((e as CustomEvent).detail));
    });
    await page.click('.player-big-play');
    await until(page, 'playing', (s) => !s.paused && s.currentTime > 0.3);
    await page.click('.player-skip-intro');
    const after = await until(page, 'past the titles', (s) => s.currentTime >= 20 && !s.paused);
    expect(after.currentTime).toBeLessThan(23);
    const log = await page.evaluate(
      () => (window as unknown as { introLog: { to: number }[] }).introLog,
    );
    expect(log).toHaveLength(1);
    expect(log[0]!.to).toBe(20);
    await page.waitForSelector('.player-skip-intro', { state: 'hidden' });
    await page.close();
  }, 60_000);

  test('the ad can be skipped after 5 s, and the film starts at 0', async () => {
    const page = await open('/films/harbor-lights');
    await until(page, 'the ad to load', (s) => s.duration > 0);
    await page.click('.player-big-play');
    await until(page, 'the ad to play', (s) => !s.paused && s.currentTime > 0.5);
    expect(await page.isDisabled('.player-ad-skip')).toBe(true);
    expect(await page.textContent('.player-ad-skip')).toMatch(/^Пропустить через \d · Skip in \d$/);
    await page.waitForSelector('.player-ad-skip:not([disabled])', { timeout: 10_000 });
    const at = (await state(page)).currentTime;
    expect(at).toBeGreaterThanOrEqual(4.9);
    expect(at).toBeLessThan(7);
    await page.click('.player-ad-skip');
    const film = await until(
      page,
      'the film',
      (s) => s.phase === 'film' && s.duration > 85 && !s.paused,
    );
    expect(film.currentTime).toBeLessThan(2);
    await page.close();
  }, 60_000);

  test('?stream=progressive: the .webm in the same player chrome', async () => {
    const page = await open('/films/first-snow?stream=progressive');
    await until(page, 'the clip to load', (s) => s.duration > 55);
    expect(await page.evaluate(() => document.querySelector('video')!.currentSrc)).toEndWith(
      '/media/first-snow.webm',
    );
    await page.click('.player-big-play');
    await until(page, 'playing', (s) => !s.paused && s.currentTime > 0.3);
    expect(await page.isHidden('.player-quality')).toBe(true);
    await page.close();
  }, 60_000);
});
