/**
 * Chromium profiles for the benchmark. Like e2e/extension/browser.ts, but loading a
 * private copy of the built extension: other work on the machine may rebuild
 * extension/.output while a run is in progress, and a half-written build must not
 * end up in a profile.
 */
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';
import { CHROME_BUILD } from '../../../e2e/extension/browser.ts';
import { CHROMIUM_PATH } from '../../test-support/services.ts';

export interface Profile {
  context: BrowserContext;
  close(): Promise<void>;
}

export interface ExtensionCopy {
  dir: string;
  remove(): Promise<void>;
}

/** Copies the built Chrome extension to a temp dir the run owns. */
export async function copyExtension(): Promise<ExtensionCopy> {
  const dir = await mkdtemp(join(tmpdir(), 'kino-bench-ext-'));
  await cp(CHROME_BUILD, dir, { recursive: true });
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

export async function launchProfile(extensionDir: string): Promise<Profile> {
  const dir = await mkdtemp(join(tmpdir(), 'kino-bench-profile-'));
  const context = await chromium.launchPersistentContext(dir, {
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
    ],
  });
  // The service worker starting proves the extension loaded.
  if (context.serviceWorkers().length === 0) await context.waitForEvent('serviceworker');
  return {
    context,
    async close() {
      await context.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
