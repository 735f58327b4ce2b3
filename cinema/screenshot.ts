/**
 * Takes screenshots of the demo cinema with headless Chromium, for a visual
 * check of the pages: `bun cinema/screenshot.ts` (writes ./screenshots).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { startCinema } from './server.ts';

const OUT_DIR = join(import.meta.dir, 'screenshots');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

mkdirSync(OUT_DIR, { recursive: true });
const cinema = await startCinema({ port: 0 });
const browser = await chromium.launch({
  executablePath: CHROMIUM,
  headless: true,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--autoplay-policy=no-user-gesture-required',
  ],
});
try {
  const page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
  await page.goto(`${cinema.url}/login?next=/`);
  await page.screenshot({ path: join(OUT_DIR, 'login.png') });
  await page.fill('input[name=login]', 'anna');
  await page.fill('input[name=password]', 'kino');
  await page.click('button[type=submit]');
  await page.waitForURL(`${cinema.url}/`);
  await page.screenshot({ path: join(OUT_DIR, 'home.png') });

  await page.goto(`${cinema.url}/films/night-train`);
  const video = page.locator('video#player');
  // Seek a little so the frame shows the clip's timecode, not a black first frame.
  await video.evaluate(async (el: HTMLVideoElement) => {
    el.muted = true;
    el.currentTime = 42;
    await new Promise((resolve) => el.addEventListener('seeked', resolve, { once: true }));
  });
  await page.screenshot({ path: join(OUT_DIR, 'film.png'), fullPage: true });

  // An HLS film in the cinema's own player: first its pre-roll ad, then the film with the
  // controls and the quality menu open.
  const shot = { clip: { x: 0, y: 0, width: 1200, height: 700 } };
  await page.goto(`${cinema.url}/films/harbor-lights`);
  await page.click('.player-big-play');
  await page.waitForSelector('.player-ad-skip:not([disabled])', { timeout: 15_000 });
  await page.hover('.player-seek');
  await page.screenshot({ path: join(OUT_DIR, 'film-ad.png'), ...shot });
  await page.click('.player-ad-skip');
  await page.waitForFunction(() => {
    const video = document.querySelector('video')!;
    return (
      document.querySelector('.player')?.getAttribute('data-phase') === 'film' &&
      video.currentTime > 1
    );
  });
  await page.evaluate(async () => {
    const video = document.querySelector('video')!;
    video.currentTime = 42;
    await new Promise((resolve) => video.addEventListener('seeked', resolve, { once: true }));
    video.pause();
  });
  await page.click('.player-quality-button');
  await page.screenshot({ path: join(OUT_DIR, 'film-player.png'), ...shot });
  console.log(`Screenshots written to ${OUT_DIR}`);
} finally {
  await browser.close();
  await cinema.stop();
}
