/**
 * Browser profiles for the story. Like e2e/extension/browser.ts's `launchProfile`,
 * but loading a private copy of the built extension: other specs rebuild
 * extension/.output in place, and a profile that starts during a rebuild loads a
 * half-written extension (its service worker never starts).
 */
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';
import { CHROMIUM_PATH } from '../../scripts/test-support/services.ts';
import { CHROME_BUILD } from '../extension/browser.ts';

export interface ExtensionCopy {
  dir: string;
  remove(): Promise<void>;
}

/** Copies the Chrome build as it is now into a temp dir. */
export async function copyExtension(): Promise<ExtensionCopy> {
  const parent = await mkdtemp(join(tmpdir(), 'kino-story-ext-'));
  const dir = join(parent, 'chrome-mv3');
  await cp(CHROME_BUILD, dir, { recursive: true });
  return { dir, remove: () => rm(parent, { recursive: true, force: true }) };
}

export interface StoryProfile {
  context: BrowserContext;
  close(): Promise<void>;
}

export async function launchStoryProfile(extensionDir: string): Promise<StoryProfile> {
  const dir = await mkdtemp(join(tmpdir(), 'kino-story-profile-'));
  const remove = () => rm(dir, { recursive: true, force: true });
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(dir, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      viewport: { width: 1280, height: 800 },
      locale: 'en-US',
      args: [
        `--disable-extensions-except=${extensionDir}`,
        `--load-extension=${extensionDir}`,
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--disable-sync',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
        '--autoplay-policy=no-user-gesture-required',
        '--lang=en-US',
        // Three players share two cores: keep hidden/occluded tabs running at full speed.
        '--disable-background-timer-throttling',
        '--disable-renderer-backgrounding',
        '--disable-backgrounding-occluded-windows',
      ],
    });
  } catch (error) {
    await remove();
    throw error;
  }
  const close = async () => {
    await context.close();
    await remove();
  };
  try {
    // The service worker starting proves the extension loaded.
    if (context.serviceWorkers().length === 0) {
      await context.waitForEvent('serviceworker', { timeout: 60_000 });
    }
  } catch (error) {
    await close();
    throw error;
  }
  return { context, close };
}
