/**
 * Screenshots of scheduled screenings for the README, in English and Russian: the start
 * panel with a time picked, and the sidebar counting down with Boris already there.
 * `flock /tmp/kino-e2e.lock bun e2e/extension/schedule-screenshots.ts`
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { readOutbox, startStack } from '../fixtures/dev-stack.ts';
import {
  buildExtension,
  EXTENSION_DIR,
  launchProfile,
  openFilm,
  signIn,
} from '../fixtures/profile.ts';

const OUT = join(EXTENSION_DIR, 'screenshots');
await mkdir(OUT, { recursive: true });
await buildExtension();
const stack = await startStack();

/** Tomorrow at 20:00 in the browser's local time, as a datetime-local input holds it. */
const tomorrowEvening = (page: Page) =>
  page.evaluate(() => {
    const d = new Date(Date.now() + 24 * 3600_000);
    const two = (n: number) => String(n).padStart(2, '0');
    return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}T20:00:00`;
  });

/** Boris's newest invite link, once there are more than `seen` mails to him. */
async function newInvite(seen: number): Promise<string> {
  for (let i = 0; i < 60; i++) {
    const mails = (await readOutbox()).filter((m) => m.to.startsWith('boris@'));
    const link = mails.at(-1)?.text.match(/https?:\/\/localhost:8787\/join\/\S+/)?.[0];
    if (mails.length > seen && link) return link;
    await Bun.sleep(250);
  }
  throw new Error('no new invite for Boris');
}

const borisMails = async () => (await readOutbox()).filter((m) => m.to.startsWith('boris@')).length;

try {
  for (const [lang, locale, zone] of [
    ['en', 'en-GB', 'Europe/London'],
    ['ru', 'ru-RU', 'Europe/Moscow'],
  ] as const) {
    const anna = await launchProfile(locale, zone);
    const boris = await launchProfile(locale, zone);
    try {
      await signIn(anna, 'anna');
      await signIn(boris, 'boris');
      const page = await openFilm(anna, 'night-train');
      await page.locator('button.kv-watch').click();
      await page.locator('input[name="invitee"]').first().waitFor();
      await page.locator('input[name="kv-when"][value="later"]').check();
      await page.locator('#kv-starts-at').fill(await tomorrowEvening(page));
      await page.mouse.move(0, 0);
      await page.screenshot({ path: join(OUT, `schedule-panel.${lang}.png`) });

      const seen = await borisMails();
      await page.locator('.kv-panel button[type="submit"]').click();
      await page
        .locator('[role="timer"]')
        .waitFor({ timeout: 15_000 })
        .catch(async (error: unknown) => {
          await page.screenshot({ path: `/tmp/schedule-failed-${lang}.png` });
          throw error;
        });
      const borisPage = await boris.context.newPage();
      await borisPage.goto(await newInvite(seen));
      await borisPage
        .locator('[role="timer"]')
        .waitFor({ timeout: 15_000 })
        .catch(async (error: unknown) => {
          await borisPage.screenshot({ path: `/tmp/schedule-failed-boris-${lang}.png` });
          throw error;
        });
      await page.locator('.kv-countdown [data-user-id], [data-user-id="boris"]').first().waitFor();
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.locator('h1.film-title').click();
      await Bun.sleep(300);
      await page.screenshot({ path: join(OUT, `schedule-countdown.${lang}.png`) });
      // Tidy: the screening is cancelled (invitees get the calendar cancellation).
      await page.locator('.kv-countdown-actions .kv-danger').click();
      await page.locator('.kv-countdown [role="alertdialog"] .kv-danger').click();
      await page.locator('[role="timer"]').waitFor({ state: 'detached', timeout: 15_000 });
    } finally {
      await Promise.all([anna.close(), boris.close()]);
    }
  }
  console.log(`screenshots in ${OUT}`);
} finally {
  await stack.stop();
}
process.exit(0);
