/**
 * The invite link opened by someone without the extension (issue 13.5), in Chromium with no
 * extension at all: after the page has looked for the extension, it offers the store of the
 * visitor's browser (told by the User-Agent; Firefox's when Firefox asks), the other store
 * below, in the visitor's language — and, on a production backend, no developer-mode help.
 * Photographed into e2e/artifacts/join/.
 */
import { afterAll, beforeAll, describe, expect, setDefaultTimeout, test } from 'bun:test';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunningCinema, startCinema } from '@kino/cinema/server';
import { signCinemaToken } from '@kino/cinema/token';
import { CHROMIUM_PATH, hasChromium } from '@kino/test-support/services';
import { type Browser, chromium } from 'playwright-core';
import { type RunningBackend, startBackend } from '../../backend/src/main.ts';

setDefaultTimeout(60_000);

const ARTIFACTS = join(import.meta.dir, '../artifacts/join');
const STORES = {
  chrome: 'https://chromewebstore.google.com/detail/kino-vmeste/abcdefghijklmnop',
  firefox: 'https://addons.mozilla.org/firefox/addon/kino-vmeste/',
};
const UA = {
  chrome:
    'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36',
  firefox: 'Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0',
};

describe.skipIf(!hasChromium)('the invite page without the extension', () => {
  let cinema: RunningCinema;
  let backend: RunningBackend;
  let browser: Browser;
  let dataDir: string;
  let link = '';

  beforeAll(async () => {
    await mkdir(ARTIFACTS, { recursive: true });
    dataDir = await mkdtemp(join(tmpdir(), 'kino-join-page-'));
    cinema = await startCinema({ port: 0 });
    backend = await startBackend(
      {
        port: 0,
        host: '127.0.0.1',
        cinemaUrl: cinema.url,
        dataDir,
        databaseUrl: undefined,
        redisUrl: undefined,
        smtpUrl: undefined,
        // What a deployment sets: its store pages, and no developer help on the page.
        mode: 'production',
        storeLinks: { chrome: STORES.chrome, firefox: STORES.firefox.replace(/\/$/, '') },
      },
      { log: { info: () => {}, error: (m) => console.error(m) } },
    );
    const created = await fetch(`${backend.url}/api/rooms`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${await signCinemaToken({ sub: 'anna', name: 'Анна' })}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ filmId: 'night-train', invitees: ['boris'] }),
    });
    expect(created.status).toBe(201);
    link = ((await created.json()) as { joinUrl: string }).joinUrl;
    browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run'],
    });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await backend?.stop({ drainMs: 1_000 });
    await cinema?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  for (const [store, lang, label] of [
    ['chrome', 'en', 'Install from the Chrome Web Store'],
    ['firefox', 'ru', 'Установить с addons.mozilla.org'],
  ] as const) {
    test(`${store} (${lang}): its own store first, the other below, no developer help`, async () => {
      const context = await browser.newContext({
        userAgent: UA[store],
        locale: lang === 'ru' ? 'ru-RU' : 'en-US',
        viewport: { width: 800, height: 700 },
      });
      try {
        const page = await context.newPage();
        await page.goto(link);
        // The page looks for the extension first; without it the install help appears.
        await page.locator('#kino-install').waitFor({ state: 'visible', timeout: 10_000 });
        const primary = page.locator('#kino-install a.store.primary');
        expect(await primary.textContent()).toBe(label);
        expect(await primary.getAttribute('href')).toBe(STORES[store].replace(/\/$/, ''));
        const other = store === 'chrome' ? 'firefox' : 'chrome';
        expect(
          await page.locator(`#kino-install li[data-store="${other}"] a`).getAttribute('href'),
        ).toBe(STORES[other].replace(/\/$/, ''));
        const text = (await page.locator('body').textContent()) ?? '';
        expect(text).not.toMatch(/chrome:\/\/extensions|about:debugging|\.output/);
        await page.screenshot({ path: join(ARTIFACTS, `${store}-${lang}.png`), fullPage: true });
      } finally {
        await context.close();
      }
    });
  }
});
