/**
 * The room's members: one Chromium profile each with the built extension, pointed
 * at this run's cinema and at its own backend URL (the backend itself, or its
 * latency proxy), signed in, and on the film page with the room in the hash. A
 * Firefox member (puppeteer-core over WebDriver BiDi, as the e2e suites drive it)
 * runs the Firefox build with its default settings, so the stack must be on the
 * default ports (:3000, :8787) and it talks to the backend directly.
 */

import {
  launchExtensionProfile,
  type ExtensionProfile as Profile,
} from '@kino/test-support/chromium';
import puppeteer from 'puppeteer-core';
import { PLAYER, type ProbePage } from './probe.ts';
import type { BrowserName } from './runs.ts';

export const FIREFOX_PATH = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';

/** Demo cinema users: anna owns the room, the others are her friends. */
export const MEMBER_LOGINS = ['anna', 'boris', 'vera', 'gleb'] as const;

export interface Member {
  index: number;
  login: string;
  browser: BrowserName;
  page: ProbePage;
  /** Reloads the film page (Chromium members; the room's hash stays in its URL). */
  reload?(): Promise<void>;
  close(): Promise<void>;
}

/** Waits until `check` (run in the page) is true. */
export async function waitInPage(
  page: ProbePage,
  check: (arg: null) => boolean,
  timeoutMs: number,
  what: string,
): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!(await page.evaluate(check, null).catch(() => false))) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await Bun.sleep(100);
  }
}

const connected = () =>
  Boolean(
    document
      .querySelector('kino-room')
      ?.shadowRoot?.querySelector('aside.kv-sidebar[data-status="connected"]'),
  );

/** A Firefox member with the Firefox build installed; the stack is on the default ports. */
export async function joinFirefoxMember(options: {
  index: number;
  firefoxBuild: string;
  cinemaUrl: string;
  filmPath: string;
  roomId: string;
}): Promise<Member> {
  const login = MEMBER_LOGINS[options.index];
  if (!login) throw new Error(`no demo user for member ${options.index}`);
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX_PATH,
    headless: true,
    extraPrefsFirefox: { 'media.autoplay.default': 0 },
  });
  try {
    await browser.installExtension(options.firefoxBuild);
    const page = await browser.newPage();
    await page.goto(`${options.cinemaUrl}/login`);
    const status = await page.evaluate(
      async (login) =>
        (
          await fetch('/api/login', {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ login, password: 'kino' }),
          })
        ).status,
      login,
    );
    if (status !== 200) throw new Error(`sign-in as ${login} failed: ${status}`);
    await page.goto(`${options.cinemaUrl}${options.filmPath}#kino-room=${options.roomId}`);
    // puppeteer's evaluate() takes the same (function, argument) call as Playwright's.
    const probe = page as unknown as ProbePage;
    await waitInPage(probe, connected, 30_000, `${login} (Firefox) to connect`);
    return {
      index: options.index,
      login,
      browser: 'firefox',
      page: probe,
      close: () => browser.close(),
    };
  } catch (error) {
    await browser.close();
    throw error;
  }
}

interface ExtensionStorage {
  chrome: { storage: { local: { set(items: Record<string, unknown>): Promise<void> } } };
}

/** Writes the extension's settings (see extension/src/settings) through its service worker. */
async function configureExtension(
  profile: Profile,
  settings: { backendUrl: string; cinemaOrigin: string },
): Promise<void> {
  const [worker] = profile.context.serviceWorkers();
  if (!worker) throw new Error('the extension service worker is not running');
  await worker.evaluate(
    (value) =>
      (globalThis as unknown as ExtensionStorage).chrome.storage.local.set({ settings: value }),
    { version: 1, ...settings, enabledOrigins: [] },
  );
}

async function signIn(profile: Profile, cinemaUrl: string, login: string): Promise<void> {
  const response = await profile.context.request.post(`${cinemaUrl}/api/login`, {
    data: { login, password: 'kino' },
  });
  if (!response.ok()) throw new Error(`sign-in as ${login} failed: ${response.status()}`);
}

/** Anna creates the room on the film over the API, inviting the other members. */
export async function createRoom(
  cinemaUrl: string,
  backendUrl: string,
  filmId: string,
  invitees: readonly string[],
): Promise<{ id: string; ownerToken: string }> {
  const login = await fetch(`${cinemaUrl}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login: 'anna', password: 'kino' }),
  });
  const { accessToken } = (await login.json()) as { accessToken: string };
  const response = await fetch(`${backendUrl}/api/rooms`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
    body: JSON.stringify({ filmId, invitees }),
  });
  if (response.status !== 201) {
    throw new Error(`room creation failed: ${response.status} ${await response.text()}`);
  }
  return { id: ((await response.json()) as { id: string }).id, ownerToken: accessToken };
}

export async function joinMember(options: {
  index: number;
  extensionDir: string;
  cinemaUrl: string;
  backendUrl: string;
  filmPath: string;
  roomId: string;
}): Promise<Member> {
  const login = MEMBER_LOGINS[options.index];
  if (!login) throw new Error(`no demo user for member ${options.index}`);
  const profile = await launchExtensionProfile(options.extensionDir, 'kino-bench-profile-');
  try {
    await configureExtension(profile, {
      backendUrl: options.backendUrl,
      cinemaOrigin: options.cinemaUrl,
    });
    await signIn(profile, options.cinemaUrl, login);
    const page = await profile.context.newPage();
    await page.goto(`${options.cinemaUrl}${options.filmPath}#kino-room=${options.roomId}`);
    await page
      .getByRole('complementary', { name: 'Watching together' })
      .getByText('Connected')
      .waitFor({ timeout: 30_000 });
    await page.waitForSelector(PLAYER, { state: 'attached' });
    return {
      index: options.index,
      login,
      browser: 'chromium',
      page,
      reload: async () => {
        await page.reload();
      },
      close: () => profile.close(),
    };
  } catch (error) {
    await profile.close();
    throw error;
  }
}
