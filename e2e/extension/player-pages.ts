/**
 * «Экран»'s third-party player pages for the "any film page" specs: which part of each
 * player the overlay must never cover, and box geometry.
 */
import type { Page } from 'puppeteer-core';

export const PLAYER_SITES_URL = 'http://localhost:3001';

/** Per page: its own play button, and its control bar (what an overlay must leave free). */
export const PLAYER_CHROME: Record<string, { play: string; controls: string }> = {
  'video-js': { play: '.vjs-big-play-button', controls: '.vjs-control-bar' },
  plyr: { play: '.plyr__control--overlaid', controls: '.plyr__controls' },
  'media-chrome': { play: 'media-play-button', controls: 'media-control-bar' },
  shaka: { play: '.shaka-play-button', controls: '.shaka-bottom-controls' },
};

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Whether two boxes share any area (touching edges do not count). */
export function overlaps(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/** The page box of the first element matching `selector` (shadow roots pierced), or null. */
export async function boxOf(page: Page, selector: string): Promise<Box | null> {
  const handle = await page.$(`pierce/${selector}`);
  if (!handle) return null;
  return page.evaluate((el) => {
    const r = (el as Element).getBoundingClientRect();
    return { x: r.x, y: r.y, width: r.width, height: r.height };
  }, handle);
}
