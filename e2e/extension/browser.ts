/**
 * Browser profiles for the specs: Debian's Chromium, headless, with the built
 * extension loaded, and small helpers to sign in and reach our shadow-root UI.
 */
import { mkdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import {
  CHROME_BUILD,
  EXTENSION_DIR,
  type ExtensionProfile,
  launchExtensionProfile,
} from '@kino/test-support/chromium';
import type { Page } from 'playwright-core';
import { CINEMA_URL } from './stack.ts';

export { CHROME_BUILD, EXTENSION_DIR };
export const FIREFOX_BUILD = join(EXTENSION_DIR, '.output/firefox-mv2');

const BUILD_LOCK = join(EXTENSION_DIR, '.build-lock');

/**
 * Builds both browser targets, so the specs test the current code. Spec files may
 * run in parallel processes: a lock directory (mkdir is atomic) keeps two builds
 * from writing `.output` at once; a lock older than two minutes is a crashed build.
 */
export async function buildExtension(): Promise<void> {
  const deadline = Date.now() + 180_000;
  for (;;) {
    try {
      await mkdir(BUILD_LOCK);
      break;
    } catch {
      const held = await stat(BUILD_LOCK).catch(() => null);
      if (held && Date.now() - held.mtimeMs > 120_000) {
        await rm(BUILD_LOCK, { recursive: true, force: true });
      }
      if (Date.now() > deadline) throw new Error('another extension build holds the lock');
      await Bun.sleep(500);
    }
  }
  try {
    const proc = Bun.spawn(['bun', 'run', 'build'], {
      cwd: EXTENSION_DIR,
      stdout: 'pipe',
      stderr: 'pipe',
    });
    const code = await proc.exited;
    if (code !== 0) {
      throw new Error(`extension build failed:\n${await new Response(proc.stderr).text()}`);
    }
  } finally {
    await rm(BUILD_LOCK, { recursive: true, force: true });
  }
}

export type Profile = ExtensionProfile;

/** A fresh headless profile with the current Chrome build loaded, in `locale`'s language. */
export function launchProfile(locale = 'en-US', timezoneId?: string): Promise<Profile> {
  return launchExtensionProfile(CHROME_BUILD, 'kino-profile-', { locale, timezoneId });
}

/** Signs in to the demo cinema; the session cookie lands in the profile. */
export async function signIn(profile: Profile, login: string): Promise<void> {
  const response = await profile.context.request.post(`${CINEMA_URL}/api/login`, {
    data: { login, password: 'kino' },
  });
  if (!response.ok()) throw new Error(`sign-in as ${login} failed: ${response.status()}`);
}

export async function openFilm(profile: Profile, filmId: string, hash = ''): Promise<Page> {
  const page = await profile.context.newPage();
  await page.goto(`${CINEMA_URL}/films/${filmId}${hash}`);
  return page;
}

/** The page's <video> as numbers the specs compare. */
export function videoState(page: Page): Promise<{ paused: boolean; currentTime: number }> {
  return page.evaluate(() => {
    const video = document.querySelector<HTMLVideoElement>('video#player')!;
    return { paused: video.paused, currentTime: video.currentTime };
  });
}

/** Waits until `predicate` (an expression over `video`, fixed by the spec) holds. */
export async function waitForVideo(page: Page, predicate: string, timeout = 20_000): Promise<void> {
  const expression = `(() => {
    const video = document.querySelector('video#player');
    return Boolean(video && (${predicate}));
  })()`;
  await page.waitForFunction(expression, undefined, { timeout });
}

/** The extension's toolbar popup, opened as a page of the profile. */
export async function openPopup(profile: Profile): Promise<Page> {
  const worker = profile.context.serviceWorkers()[0]!;
  const popup = await profile.context.newPage();
  await popup.goto(`chrome-extension://${new URL(worker.url()).host}/popup.html`);
  return popup;
}
