/**
 * Firefox smoke test: Debian's firefox-esr (driven by puppeteer-core over WebDriver
 * BiDi) installs the Firefox build and the button appears on the demo film page.
 */
import { afterAll, beforeAll, describe, expect, setDefaultTimeout, test } from 'bun:test';
import { existsSync } from 'node:fs';
import { isCI } from '@kino/test-support/services';
import puppeteer, { type Browser } from 'puppeteer-core';
import { buildExtension, FIREFOX_BUILD } from './browser.ts';
import { CINEMA_URL, type Stack, startStack } from './stack.ts';

// Browsers on a shared 2-core machine: generous, the steps themselves wait for conditions.
setDefaultTimeout(90_000);

const FIREFOX_PATH = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
const hasFirefox = existsSync(FIREFOX_PATH);
if (!hasFirefox && isCI)
  throw new Error(`Firefox is required in CI but ${FIREFOX_PATH} is missing`);

describe.skipIf(!hasFirefox)('Firefox build', () => {
  let stack: Stack;
  let browser: Browser;

  beforeAll(async () => {
    await buildExtension();
    stack = await startStack();
    browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath: FIREFOX_PATH,
      headless: true,
    });
    await browser.installExtension(FIREFOX_BUILD);
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  }, 30_000);

  test('installs and shows the Watch together button next to the player', async () => {
    const page = await browser.newPage();
    await page.goto(`${CINEMA_URL}/films/night-train`);
    const host = await page.waitForSelector('.film-actions kino-watch-together', {
      timeout: 20_000,
    });
    expect(host).not.toBeNull();
    const label = await page.waitForFunction(
      () =>
        document
          .querySelector('kino-watch-together')
          ?.shadowRoot?.querySelector('button.kv-watch')
          ?.textContent?.trim() ?? null,
      { timeout: 10_000 },
    );
    expect(String(await label.jsonValue())).toMatch(/Watch together|Смотреть вместе/);
  }, 60_000);
});
