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

/** Where the overlay's button ended up on a player page, beside what it must leave free. */
export interface Placement {
  button: Box;
  controls: Box | null;
  /** Whether the control bar was fully shown when measured. */
  controlsShown: boolean;
  header: Box;
  video: Box;
}

/** How visible `el` is: its opacity times every ancestor's, across shadow roots. */
function seenOpacity(el: Element): number {
  let opacity = 1;
  for (let node: Element | null = el; node; ) {
    const style = getComputedStyle(node);
    if (style.visibility === 'hidden' || style.display === 'none') return 0;
    opacity *= Number(style.opacity);
    node = node.parentElement ?? ((node.getRootNode() as ShadowRoot).host || null);
  }
  return opacity;
}

/**
 * Moves the mouse over the picture (a real move each time: a browser sends no mousemove for the
 * point it is already at) until the player has faded its control bar fully in (bounded: a bar
 * that never shows is reported by placementProblems, not waited for forever).
 */
async function showControls(page: Page, controls: string, video: Box): Promise<boolean> {
  const deadline = Date.now() + 10_000;
  for (let step = 0; Date.now() < deadline; step++) {
    await page.mouse.move(video.x + video.width / 2 + (step % 2) * 10, video.y + video.height / 2);
    const bar = await page.$(`pierce/${controls}`);
    const opacity = bar ? await bar.evaluate(seenOpacity) : 0;
    if (opacity > 0.99) return true;
    await Bun.sleep(100);
  }
  return false;
}

/**
 * Starts the film on player page `id` with the player's own play button, points at the
 * picture so the control bar shows (as it does for a viewer), and measures.
 */
export async function measurePlacement(page: Page, id: string): Promise<Placement> {
  const chrome = PLAYER_CHROME[id]!;
  await page.waitForSelector('pierce/button.kv-watch', { timeout: 20_000 });
  const play = await page.waitForSelector(`pierce/${chrome.play}`, { timeout: 20_000 });
  await play!.click();
  await page.waitForFunction(
    () => {
      const v =
        document.querySelector('hls-video')?.shadowRoot?.querySelector('video') ??
        document.querySelector('video');
      return (v?.currentTime ?? 0) > 0.5;
    },
    { timeout: 30_000 },
  );
  const video = (await boxOf(page, 'video'))!;
  const controlsShown = await showControls(page, chrome.controls, video);
  return {
    button: (await boxOf(page, 'kino-watch-together'))!,
    controls: await boxOf(page, chrome.controls),
    controlsShown,
    header: (await boxOf(page, '.site-header'))!,
    video,
  };
}

/**
 * What is wrong with a placement, in words (none: []): the button must show, right under the
 * player (not after the film's title and description), and meet neither the shown control
 * bar, nor the picture, nor the site's sticky header.
 */
export function placementProblems(placement: Placement): string[] {
  const { button, controls, controlsShown, header, video } = placement;
  const problems: string[] = [];
  const shown = (b: Box) => b.width * b.height > 0;
  if (!controls || !controlsShown || !shown(controls))
    problems.push('the control bar did not show');
  if (!shown(button)) problems.push('the button is not shown');
  if (controls && overlaps(button, controls)) problems.push('the button covers the controls');
  if (overlaps(button, header)) problems.push('the button meets the header');
  if (overlaps(button, video)) problems.push('the button covers the picture');
  const below = button.y - (video.y + video.height);
  if (below < -1) problems.push('the button is not below the player');
  if (below >= 80) problems.push(`the button is ${Math.round(below)} px below the player`);
  return problems;
}

/**
 * Waits until the tab's address starts with `prefix` (an invite link redirecting to its page).
 * Reads the address from the browser instead of evaluating in the page: Firefox's WebDriver
 * BiDi can throw inside its own script.evaluate while the page it runs in navigates away.
 */
export async function waitForAddress(page: Page, prefix: string, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (!page.url().startsWith(prefix)) {
    if (Date.now() > deadline) throw new Error(`still at ${page.url()}, not ${prefix}…`);
    await Bun.sleep(100);
  }
}
