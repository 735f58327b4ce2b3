/**
 * One person of the story: their own Chromium profile with the built extension, the
 * cinema tab they watch in, and what they do there as a user would (sign-in form,
 * the real <video>, the sidebar's chat and reaction buttons).
 */

import { type ExtensionProfile, launchExtensionProfile } from '@kino/test-support/chromium';
import type { Locator, Page } from 'playwright-core';
import { CINEMA_URL } from './production-stack.ts';

export interface Viewer {
  login: string;
  /** The name the cinema gives them; the sidebar shows it next to their lines. */
  name: string;
  profile: ExtensionProfile;
  page: Page;
}

export async function openViewer(login: string, name: string, extensionDir: string) {
  const profile = await launchExtensionProfile(extensionDir, 'kino-story-profile-');
  try {
    const page = await profile.context.newPage();
    const viewer: Viewer = { login, name, profile, page };
    return viewer;
  } catch (error) {
    await profile.close();
    throw error;
  }
}

/** Signs in through the cinema's own form and lands on `next` (a local path). */
export async function signInWithForm(
  viewer: Viewer,
  next: string,
  cinemaUrl = CINEMA_URL,
): Promise<void> {
  const { page } = viewer;
  await page.goto(`${cinemaUrl}/login?next=${encodeURIComponent(next)}`);
  await page.fill('input[name=login]', viewer.login);
  await page.fill('input[name=password]', 'kino');
  await page.click('button[type=submit]');
  await page.waitForURL(`${cinemaUrl}${next}`);
  const shown = await page.locator('.user-name').textContent();
  if (shown !== viewer.name) throw new Error(`${viewer.login} signed in as "${shown}"`);
}

export const sidebar = (viewer: Viewer): Locator =>
  viewer.page.getByRole('complementary', { name: 'Watching together' });

/** The sidebar's connection state (`data-status`: connected, reconnecting, closed, …). */
export async function waitForStatus(viewer: Viewer, status: string, timeout = 20_000) {
  await viewer.page
    .locator(`aside.kv-sidebar[data-status="${status}"]`)
    .waitFor({ state: 'attached', timeout });
}

/** Delivered chat lines as the sidebar shows them ("<name> <text>"), oldest first. */
export async function chatLines(viewer: Viewer): Promise<string[]> {
  const lines = await sidebar(viewer).locator('.kv-message:not(.kv-pending)').allInnerTexts();
  return lines.map((line) => line.replace(/\s+/g, ' ').trim());
}

/** Types a line into the sidebar's chat and presses Enter. */
export async function sendChat(viewer: Viewer, text: string): Promise<void> {
  const input = sidebar(viewer).getByRole('textbox', { name: 'Message…' });
  await input.fill(text);
  await input.press('Enter');
}

/** Waits until the sidebar shows exactly `expected` as its delivered lines, in order. */
export async function waitForChat(viewer: Viewer, expected: string[], timeout = 15_000) {
  const deadline = Date.now() + timeout;
  let lines = await chatLines(viewer);
  while (JSON.stringify(lines) !== JSON.stringify(expected)) {
    if (Date.now() > deadline) {
      throw new Error(
        `${viewer.login}'s chat shows ${JSON.stringify(lines)}, expected ${JSON.stringify(expected)}`,
      );
    }
    await Bun.sleep(150);
    lines = await chatLines(viewer);
  }
}

/** What a user's click on the native controls does: pause, play or seek the real <video>. */
export async function pauseVideo(viewer: Viewer): Promise<void> {
  await viewer.page.evaluate(() =>
    document.querySelector<HTMLVideoElement>('video#player')!.pause(),
  );
}

export async function playVideo(viewer: Viewer): Promise<void> {
  await viewer.page.evaluate(() =>
    document.querySelector<HTMLVideoElement>('video#player')!.play(),
  );
}

/** Seeks and returns the epoch ms it happened at (for the expected position later). */
export async function seekVideo(viewer: Viewer, seconds: number): Promise<number> {
  return viewer.page.evaluate((to) => {
    document.querySelector<HTMLVideoElement>('video#player')!.currentTime = to;
    return performance.timeOrigin + performance.now();
  }, seconds);
}

/** Waits until the reaction `emoji` floats over the viewer's video. */
export async function waitForFloatingReaction(viewer: Viewer, emoji: string): Promise<void> {
  await viewer.page.locator(`.kv-float[data-emoji="${emoji}"]`).first().waitFor({ timeout: 5000 });
}

/** The film, not the pre-roll ad, is in the viewer's player (the ad is 10 s, then it loads). */
export async function waitForFilm(viewer: Viewer, timeout = 30_000): Promise<void> {
  await viewer.page.locator('.player[data-phase="film"]').waitFor({ state: 'attached', timeout });
}
