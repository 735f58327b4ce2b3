/**
 * Every «Экран» page in a real browser: the third-party player loads its HLS stream through
 * MSE, plays when its own play button is pressed, and seeks far past what is buffered; the
 * pages that test overlays' assumptions (shadow DOM, several videos, a player that swaps its
 * <video>) behave as they claim. Chromium with Playwright, then Firefox with puppeteer.
 */
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import {
  CHROMIUM_PATH,
  FIREFOX_PATH,
  hasChromium,
  hasFfmpeg,
  hasFirefox,
} from '@kino/test-support/services';
import { type Browser, chromium, type Page } from 'playwright-core';
import puppeteer, { type Browser as FirefoxBrowser } from 'puppeteer-core';
import { PLAYER_PAGES } from './pages/catalog.ts';
import { playAndSeek, reportMainVideo } from './probe.ts';
import { type RunningPlayerSites, startPlayerSites } from './server.ts';

/** Each player's own big play button (null: the browser's controls, pressed by script). */
const OWN_PLAY_BUTTON: Record<string, string | null> = {
  'video-js': '.vjs-big-play-button',
  plyr: '.plyr__control--overlaid',
  'media-chrome': 'media-play-button',
  shaka: '.shaka-play-button',
  'hls-js': null,
  'several-videos': null,
};
const SEEK_TO = 40;
const SIMPLE_PAGES = PLAYER_PAGES.filter((p) => p.id in OWN_PLAY_BUTTON).map((p) => p.id);

let sites: RunningPlayerSites;
beforeAll(async () => {
  sites = await startPlayerSites({ port: 0 });
}, 180_000);
afterAll(() => sites?.stop());

async function waitForVideo(page: Page) {
  await page.waitForFunction(
    () => {
      const el = document.querySelector('video') ?? document.querySelector('hls-video');
      return el !== null && (el.tagName !== 'HLS-VIDEO' || el.shadowRoot?.querySelector('video'));
    },
    undefined,
    { timeout: 15_000 },
  );
}

describe.skipIf(!hasChromium || !hasFfmpeg)('«Экран» in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run'],
    });
  });
  afterAll(() => browser?.close());

  const open = async (id: string) => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const foreign: string[] = [];
    page.on('request', (req) => {
      if (!/^(data|blob):/.test(req.url()) && !req.url().startsWith(`${sites.url}/`)) {
        foreign.push(req.url());
      }
    });
    await page.goto(`${sites.url}/watch/${id}`);
    await waitForVideo(page);
    return { page, foreign };
  };

  test.each(SIMPLE_PAGES)(
    '%s: plays (by its own play button where it has one), and a seek far ahead plays on',
    async (id) => {
      const { page, foreign } = await open(id);
      const before = await page.evaluate(reportMainVideo);
      expect(before.paused).toBe(true);
      const button = OWN_PLAY_BUTTON[id];
      if (button) {
        await page.hover('.film-player');
        await page.click(button);
        await page.waitForFunction(
          () => {
            const main = (root: Document | ShadowRoot): HTMLVideoElement | null =>
              root.querySelector('video[data-probe-main]') ??
              root.querySelector('hls-video')?.shadowRoot?.querySelector('video') ??
              null;
            const video = main(document);
            return video !== null && !video.paused && video.currentTime > 0.3;
          },
          undefined,
          { timeout: 15_000 },
        );
      }
      const { after } = await page.evaluate(playAndSeek, SEEK_TO);
      expect(after).toBeGreaterThan(SEEK_TO + 0.5);
      const report = await page.evaluate(reportMainVideo);
      expect(report.duration).toBeGreaterThan(55);
      expect(report.videoHeight).toBeGreaterThan(0);
      expect(foreign).toEqual([]);
      await page.close();
    },
    60_000,
  );

  test('media-chrome: the <video> is only reachable through an open shadow root', async () => {
    const { page } = await open('media-chrome');
    const report = await page.evaluate(reportMainVideo);
    expect(report).toMatchObject({ videos: 1, inShadow: 1 });
    expect(await page.evaluate(() => document.querySelectorAll('video').length)).toBe(0);
    expect(await page.evaluate(() => document.querySelector('hls-video')?.shadowRoot?.mode)).toBe(
      'open',
    );
    await page.close();
  });

  test('several videos: the previews play muted while the film waits, paused', async () => {
    const { page } = await open('several-videos');
    await page.waitForFunction(() =>
      [...document.querySelectorAll<HTMLVideoElement>('video.preview')].every(
        (v) => !v.paused && v.currentTime > 0.2,
      ),
    );
    const videos = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLVideoElement>('video')].map((v) => ({
        preview: v.classList.contains('preview'),
        paused: v.paused,
        muted: v.muted,
        width: v.clientWidth,
      })),
    );
    expect(videos).toHaveLength(3);
    const film = videos.find((v) => !v.preview)!;
    expect(film).toMatchObject({ paused: true, muted: false });
    for (const preview of videos.filter((v) => v.preview)) {
      expect(preview).toMatchObject({ paused: false, muted: true, width: 320 });
      expect(preview.width).toBeLessThan(film.width);
    }
    await page.close();
  });

  test('the swapping player puts a new <video> in after the ad and on a quality change', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${sites.url}/watch/swapping-player`);
    const container = page.locator('.swap-player');
    await page.waitForSelector('.swap-player[data-generation="1"] video.swap-video-ad');
    expect(await container.getAttribute('data-phase')).toBe('ad');
    const ad = await page.evaluateHandle(() => document.querySelector('video')!);
    // The viewer presses play on the ad (a click is the gesture the film's autoplay needs).
    await page.click('video.swap-video-ad', { position: { x: 400, y: 200 } });
    await page.evaluate(() => {
      const video = document.querySelector('video')!;
      video.playbackRate = 4; // the ad is 10 s; the test has no need to watch all of it
      if (video.paused) void video.play();
    });
    await page.waitForSelector('.swap-player[data-generation="2"][data-phase="film"]', {
      timeout: 20_000,
    });
    expect(await page.evaluate((old) => old.isConnected, ad)).toBe(false);
    await page.waitForFunction(() => {
      const v = document.querySelector('video')!;
      return !v.paused && v.currentTime > 1 && v.duration > 55;
    });
    const filmElement = await page.evaluateHandle(() => document.querySelector('video')!);
    expect(await page.evaluate(() => document.querySelector('video')!.currentTime)).toBeLessThan(5);

    await page.waitForFunction(() => document.querySelectorAll('.swap-quality option').length > 1);
    const at = await page.evaluate(() => document.querySelector('video')!.currentTime);
    await page.selectOption('.swap-quality', { label: '180p' });
    await page.waitForSelector('.swap-player[data-generation="3"]');
    expect(await page.evaluate((old) => old.isConnected, filmElement)).toBe(false);
    await page.waitForFunction(() => {
      const v = document.querySelector('video')!;
      return !v.paused && v.videoHeight === 180;
    });
    const resumed = await page.evaluate(() => document.querySelector('video')!.currentTime);
    expect(Math.abs(resumed - at)).toBeLessThan(4);
    expect(await page.locator('video').count()).toBe(1);
    await page.close();
  }, 60_000);
});

describe.skipIf(!hasFirefox || !hasFfmpeg)('«Экран» in Firefox', () => {
  let browser: FirefoxBrowser;
  beforeAll(async () => {
    browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath: FIREFOX_PATH,
      headless: true,
    });
  }, 60_000);
  afterAll(() => browser?.close());

  test.each(SIMPLE_PAGES)(
    '%s plays and seeks',
    async (id) => {
      const page = await browser.newPage();
      await page.goto(`${sites.url}/watch/${id}`);
      await page.waitForFunction(
        () => {
          const el = document.querySelector('video') ?? document.querySelector('hls-video');
          return (
            el !== null && (el.tagName !== 'HLS-VIDEO' || el.shadowRoot?.querySelector('video'))
          );
        },
        { timeout: 15_000 },
      );
      await page.evaluate(reportMainVideo);
      const { after } = await page.evaluate(playAndSeek, SEEK_TO);
      expect(after).toBeGreaterThan(SEEK_TO + 0.5);
      await page.close();
    },
    60_000,
  );
});
