/**
 * Debian's Chromium with our built extension loaded, for the browser suites and the
 * sync benchmark: one launcher, so the flags that make it work here live in one place.
 */
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';
import { CHROMIUM_PATH } from './services.ts';

export const EXTENSION_DIR = resolve(import.meta.dir, '../extension');
export const CHROME_BUILD = join(EXTENSION_DIR, '.output/chrome-mv3');
/** The Firefox build (suites and the mixed bench:sync run install it with puppeteer-core). */
export const FIREFOX_BUILD = join(EXTENSION_DIR, '.output/firefox-mv2');

export interface ExtensionCopy {
  dir: string;
  remove(): Promise<void>;
}

/**
 * Copies the Chrome build as it is now into a temp dir. Other work may rebuild
 * extension/.output in place, and a profile that starts during a rebuild loads a
 * half-written extension (its service worker never starts).
 */
export async function copyExtension(prefix = 'kino-ext-'): Promise<ExtensionCopy> {
  const parent = await mkdtemp(join(tmpdir(), prefix));
  const dir = join(parent, 'chrome-mv3');
  await cp(CHROME_BUILD, dir, { recursive: true });
  return { dir, remove: () => rm(parent, { recursive: true, force: true }) };
}

/** Chromium with the unpacked extension at `dir`, quiet on a machine without network. */
export function extensionFlags(dir: string): string[] {
  return [
    `--disable-extensions-except=${dir}`,
    `--load-extension=${dir}`,
    '--no-sandbox',
    '--disable-gpu',
    // Without these Chromium keeps dialling out, and this machine has no network.
    '--disable-quic',
    '--disable-sync',
    '--disable-background-networking',
    '--disable-component-update',
    '--no-first-run',
    '--autoplay-policy=no-user-gesture-required',
  ];
}

export interface ExtensionProfile {
  context: BrowserContext;
  close(): Promise<void>;
}

export interface ProfileOptions {
  /** More Chromium flags (e.g. trusting a test certificate, mapping host names). */
  extraArgs?: string[];
  /** UI language of the browser and the pages (default en-US). */
  locale?: string;
  /** IANA time zone of the pages (default: the machine's). */
  timezoneId?: string;
}

/**
 * A fresh headless profile with the extension at `extensionDir` loaded; resolves once
 * the extension's service worker runs (proof that it loaded).
 */
export async function launchExtensionProfile(
  extensionDir: string = CHROME_BUILD,
  prefix = 'kino-profile-',
  options: ProfileOptions = {},
): Promise<ExtensionProfile> {
  const locale = options.locale ?? 'en-US';
  const dir = await mkdtemp(join(tmpdir(), prefix));
  const remove = () => rm(dir, { recursive: true, force: true });
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(dir, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      viewport: { width: 1280, height: 800 },
      locale,
      ...(options.timezoneId ? { timezoneId: options.timezoneId } : {}),
      args: [
        ...extensionFlags(extensionDir),
        `--lang=${locale}`,
        // Several players share two cores: keep hidden/occluded tabs at full speed.
        '--disable-background-timer-throttling',
        '--disable-renderer-backgrounding',
        '--disable-backgrounding-occluded-windows',
        ...(options.extraArgs ?? []),
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
    if (context.serviceWorkers().length === 0) {
      await context.waitForEvent('serviceworker', { timeout: 60_000 });
    }
  } catch (error) {
    await close();
    throw error;
  }
  return { context, close };
}
