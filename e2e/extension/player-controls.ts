/**
 * A viewer's hand on a third-party player's own controls (Plyr's control bar), in Chromium or
 * Firefox alike (puppeteer-core pages): trusted mouse input on the player's buttons and seek
 * bar, never `video.play()`; and waiting until two players agree.
 */
import type { Page } from 'puppeteer-core';
import { compareSamples, type VideoSample } from '../fixtures/video-sync.ts';
import { boxOf } from './player-pages.ts';

/** The film's `<video>` on a Plyr page, as the sync fixtures sample it. */
export function sampleFilm(page: Page): Promise<VideoSample> {
  return page.evaluate(() => {
    const video = document.querySelector<HTMLVideoElement>('video#film')!;
    return {
      paused: video.paused,
      currentTime: video.currentTime,
      playbackRate: video.playbackRate,
      sampledAt: Date.now(),
    };
  });
}

export const PLYR = {
  play: '.plyr__controls button[data-plyr="play"]',
  seek: '.plyr__controls input[data-plyr="seek"]',
} as const;

/**
 * Clicks Plyr's control `selector` at `fraction` across it (the seek bar), after moving over
 * the picture as a viewer does: Plyr hides its bar while the film plays and the mouse rests.
 */
export async function pressPlyr(page: Page, selector: string, fraction = 0.5): Promise<void> {
  const deadline = Date.now() + 10_000;
  let seen = '';
  for (let step = 0; ; step++) {
    const video = await boxOf(page, 'video#film');
    if (!video) throw new Error('no video#film');
    // A real move each time: no mousemove comes for the point the pointer is already at.
    await page.mouse.move(video.x + video.width / 2 + (step % 2) * 10, video.y + video.height / 2);
    seen = await page.evaluate((sel) => {
      const el = document.querySelector(sel);
      const plyr = document.querySelector('.plyr')?.className ?? 'no .plyr';
      const shown = el !== null && el.getBoundingClientRect().width > 0;
      return shown && !plyr.includes('plyr--hide-controls')
        ? ''
        : `${plyr}; ${el ? 'bar' : 'none'}`;
    }, selector);
    if (seen === '') break;
    if (Date.now() > deadline) throw new Error(`Plyr never showed ${selector}: ${seen}`);
    await Bun.sleep(100);
  }
  const box = (await boxOf(page, selector))!;
  await page.mouse.click(box.x + box.width * fraction, box.y + box.height / 2);
}

export interface Agreed {
  positions: number[];
  gap: number;
}

/**
 * Waits (bounded) until every page's film plays (or every one is paused) and their positions,
 * read on this machine's one clock, are within `toleranceSec` of each other; `near`, when
 * given, is where the film must be (± `nearSec`), so a player that did not move at all fails.
 */
export async function waitForAgreement(
  pages: Page[],
  want: {
    playing: boolean;
    toleranceSec: number;
    near?: number;
    nearSec?: number;
    timeoutMs?: number;
  },
): Promise<Agreed> {
  const deadline = Date.now() + (want.timeoutMs ?? 30_000);
  let last = '';
  for (;;) {
    const agreement = compareSamples(await Promise.all(pages.map(sampleFilm)));
    const stateOk = want.playing ? agreement.allPlaying : agreement.allPaused;
    const nearOk =
      want.near === undefined ||
      agreement.positions.every((p) => Math.abs(p - want.near!) <= (want.nearSec ?? 10));
    if (stateOk && nearOk && agreement.gap <= want.toleranceSec) return agreement;
    last = JSON.stringify(agreement);
    if (Date.now() > deadline) {
      throw new Error(`players never agreed on ${JSON.stringify(want)}: last ${last}`);
    }
    await Bun.sleep(200);
  }
}
