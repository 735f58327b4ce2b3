/**
 * A member in Debian's firefox-esr (puppeteer-core over WebDriver BiDi) with the Firefox
 * release package installed. Firefox reaches the test hosts through a CONNECT proxy to
 * the balancer and accepts the test certificate (acceptInsecureCerts: Firefox has no
 * per-key allow-list like Chromium's); TLS is still spoken end to end with HAProxy.
 */

import { FIREFOX_PATH } from '@kino/test-support/services';
import { API_HOST, CINEMA_HOST, CINEMA_ORIGIN } from '@kino/test-support/test-deployment';
import type { Page as PlaywrightPage } from 'playwright-core';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { positionAt, sampleVideo } from '../fixtures/video-sync.ts';
import { type ConnectProxy, startConnectProxy } from './connect-proxy.ts';

export interface FirefoxMember {
  page: Page;
  close(): Promise<void>;
}

export async function openFirefoxMember(
  extensionDir: string,
  balancerHttpsPort: number,
): Promise<FirefoxMember> {
  const proxy: ConnectProxy = await startConnectProxy([CINEMA_HOST, API_HOST], balancerHttpsPort);
  let browser: Browser | undefined;
  try {
    browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath: FIREFOX_PATH,
      headless: true,
      acceptInsecureCerts: true,
      extraPrefsFirefox: {
        'network.proxy.type': 1,
        'network.proxy.ssl': '127.0.0.1',
        'network.proxy.ssl_port': proxy.port,
        'network.proxy.no_proxies_on': '',
        'media.autoplay.default': 0,
      },
    });
    await browser.installExtension(extensionDir);
    const page = await browser.newPage();
    const opened = browser;
    return {
      page,
      async close() {
        await opened.close();
        await proxy.stop();
      },
    };
  } catch (error) {
    await browser?.close();
    await proxy.stop();
    throw error;
  }
}

/** Signs in through the cinema's form, as in Chromium. */
export async function signInWithFirefox(page: Page, login: string): Promise<void> {
  await page.goto(`${CINEMA_ORIGIN}/login?next=%2F`);
  await page.type('input[name=login]', login);
  await page.type('input[name=password]', 'kino');
  await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
  if (new URL(page.url()).origin !== CINEMA_ORIGIN)
    throw new Error(`sign-in left for ${page.url()}`);
}

/**
 * Whether the Firefox member's video plays at the position of a Chromium member's, within
 * `toleranceSec`, both read on this machine's one clock.
 */
export async function playsAlong(
  page: Page,
  reference: PlaywrightPage,
  toleranceSec: number,
): Promise<boolean> {
  const [mine, theirs] = await Promise.all([
    page.evaluate(() => {
      const video = document.querySelector<HTMLVideoElement>('video#player')!;
      return { paused: video.paused, currentTime: video.currentTime, sampledAt: Date.now() };
    }),
    sampleVideo(reference),
  ]);
  const theirsThen = positionAt(theirs, mine.sampledAt);
  return !mine.paused && Math.abs(mine.currentTime - theirsThen) < toleranceSec;
}
