/**
 * Chromium driven by puppeteer-core, for what Playwright cannot reach: the extension's real
 * toolbar popup. `Extensions.triggerAction` (DevTools, behind --enable-unsafe-extension-
 * debugging) is a click on the toolbar button for a tab: the popup opens for that tab and the
 * extension gets `activeTab` on it, exactly as for a user. Playwright does not attach to the
 * popup's target; puppeteer hands it over as a page, and its clicks are trusted input (a user
 * gesture, which `permissions.request` needs).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { extensionFlags } from '@kino/test-support/chromium';
import { CHROMIUM_PATH } from '@kino/test-support/services';
import puppeteer, { type Browser, type Extension, type Page } from 'puppeteer-core';

export interface ActionBrowser {
  browser: Browser;
  extension: Extension;
  close(): Promise<void>;
}

/** A fresh headless profile with the unpacked extension at `extensionDir`, in `locale`. */
export async function launchActionBrowser(
  extensionDir: string,
  locale = 'en-US',
): Promise<ActionBrowser> {
  const profile = await mkdtemp(join(tmpdir(), 'kino-action-profile-'));
  const browser = await puppeteer.launch({
    browser: 'chrome',
    executablePath: CHROMIUM_PATH,
    headless: true,
    pipe: true,
    // Lets DevTools trigger the action; the extension itself loads from the command line
    // (Extensions.loadUnpacked crashes this Chromium now and then).
    enableExtensions: true,
    userDataDir: profile,
    defaultViewport: { width: 1280, height: 800 },
    args: [
      ...extensionFlags(extensionDir),
      // The language pages and our popup see (navigator.language); --lang alone is not it.
      `--lang=${locale}`,
      `--accept-lang=${locale}`,
    ],
  });
  const close = async () => {
    await browser.close();
    await rm(profile, { recursive: true, force: true });
  };
  try {
    await browser.waitForTarget((t) => t.type() === 'service_worker', { timeout: 60_000 });
    const [extension] = [...(await browser.extensions()).values()];
    if (!extension) throw new Error('the extension did not load');
    return { browser, extension, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** Presses the toolbar button on `page`'s tab; the popup, as a page. */
export async function openActionPopup(ab: ActionBrowser, page: Page): Promise<Page> {
  await page.bringToFront();
  const url = `chrome-extension://${ab.extension.id}/popup.html`;
  const opened = ab.browser.waitForTarget((t) => t.url() === url && t.type() === 'page', {
    timeout: 15_000,
  });
  await page.triggerExtensionAction(ab.extension);
  const popup = await (await opened).asPage();
  if (!popup) throw new Error('the popup has no page');
  await popup.waitForSelector('main.popup', { timeout: 15_000 });
  return popup;
}

/**
 * Allows `pattern` for the extension in the browser's own extension settings (what
 * chrome://extensions → Site access → "Add a site" does). The user's "Allow" in the prompt
 * `permissions.request` opens is browser UI no headless driver can press; allowed this way
 * beforehand, the very same request is granted without a prompt, and everything after it —
 * the popup, the background, the injection — runs as it would for a user.
 */
export async function allowSiteInBrowserSettings(ab: ActionBrowser, pattern: string) {
  const page = await ab.browser.newPage();
  try {
    await page.goto(`chrome://extensions/?id=${ab.extension.id}`);
    await page.evaluate(
      (id, host) =>
        (
          globalThis as unknown as {
            chrome: {
              developerPrivate: { addHostPermission(id: string, h: string): Promise<void> };
            };
          }
        ).chrome.developerPrivate.addHostPermission(id, host),
      ab.extension.id,
      pattern,
    );
  } finally {
    await page.close();
  }
}

/** Signs in to the demo cinema in this profile (the session cookie the background reads). */
export async function signInToCinema(ab: ActionBrowser, cinemaUrl: string, login: string) {
  const page = await ab.browser.newPage();
  try {
    await page.goto(cinemaUrl);
    const status = await page.evaluate(
      async (who) =>
        (
          await fetch('/api/login', {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ login: who, password: 'kino' }),
          })
        ).status,
      login,
    );
    if (status !== 200) throw new Error(`sign-in as ${login} failed: ${status}`);
  } finally {
    await page.close();
  }
}

/** The popup's text once `predicate` holds for it (popups re-render after their reads). */
export async function popupText(popup: Page, contains: string, timeout = 15_000): Promise<string> {
  await popup.waitForFunction(
    (text) => (document.body.textContent ?? '').includes(text),
    { timeout },
    contains,
  );
  return popup.evaluate(() => document.body.textContent ?? '');
}
