/**
 * Takes the README's screenshots (button, matches panel, sidebar) with the built
 * extension against the in-process stack: `bun e2e/extension/screenshots.ts`.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import {
  buildExtension,
  EXTENSION_DIR,
  launchProfile,
  openFilm,
  signIn,
  waitForVideo,
} from './browser.ts';
import { readOutbox, startStack } from './stack.ts';

const OUT = join(EXTENSION_DIR, 'screenshots');
await mkdir(OUT, { recursive: true });
await buildExtension();
const stack = await startStack();
const anna = await launchProfile();
const boris = await launchProfile();
try {
  await signIn(anna, 'anna');
  await signIn(boris, 'boris');
  const page = await openFilm(anna, 'night-train');
  const button = page.getByRole('button', { name: 'Watch together' });
  await button.waitFor();
  await page.locator('main.film').screenshot({ path: join(OUT, 'button.png') });

  await button.click();
  await page.locator('input[name="invitee"]').first().waitFor();
  await page.evaluate(() => window.scrollTo(0, 300));
  await page.screenshot({ path: join(OUT, 'matches-panel.png') });
  await page.evaluate(() => window.scrollTo(0, 0));

  await page.getByRole('button', { name: 'Start' }).click();
  await waitForVideo(page, '!video.paused');
  let invite: string | undefined;
  for (let i = 0; i < 60 && !invite; i++) {
    invite = (await readOutbox())
      .find((m) => m.to.includes('boris'))
      ?.text.match(/https?:\/\/localhost:8787\/join\/\S+/)?.[0];
    if (!invite) await Bun.sleep(250);
  }
  const borisPage = await boris.context.newPage();
  await borisPage.goto(invite!);
  await borisPage.waitForURL(/#kino-room=/);
  await page.locator('[data-user-id="boris"]').waitFor();
  const input = borisPage.getByRole('textbox', { name: 'Message…' });
  await input.fill('Привет! Смотрим 🍿');
  await input.press('Enter');
  await borisPage.evaluate(() => document.querySelector<HTMLVideoElement>('video#player')!.pause());
  await page.getByText(/paused at/).waitFor();
  await borisPage.getByRole('button', { name: 'React with 😍' }).click();
  await page.locator('.kv-float').first().waitFor();
  await page.screenshot({ path: join(OUT, 'sidebar.png') });
  console.log(`screenshots in ${OUT}`);
} finally {
  await Promise.all([anna.close(), boris.close()]);
  await stack.stop();
}
process.exit(0);
