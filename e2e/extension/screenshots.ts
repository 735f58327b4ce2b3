/**
 * Takes the README's screenshots from the real product (built extension, in-process
 * stack, Debian's Chromium at 1280×800; colour emoji need fonts-noto-color-emoji):
 * `flock /tmp/kino-e2e.lock bun e2e/extension/screenshots.ts`.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { readOutbox, startStack } from '../fixtures/dev-stack.ts';
import {
  buildExtension,
  EXTENSION_DIR,
  launchProfile,
  openFilm,
  signIn,
} from '../fixtures/profile.ts';
import { waitForVideo } from '../fixtures/video.ts';

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
  await waitForVideo(page, 'video.readyState >= 2');
  // The button under the player, with the player's own controls above it.
  await page.mouse.move(400, 400);
  const actions = (await page.locator('.film-actions').boundingBox())!;
  await page.screenshot({
    path: join(OUT, 'button.png'),
    clip: { x: actions.x - 24, y: actions.y - 150, width: 640, height: 150 + actions.height },
  });

  await button.click();
  await page.locator('input[name="invitee"]').first().waitFor();
  await page.screenshot({ path: join(OUT, 'matches-panel.png') });

  await page.getByRole('button', { name: 'Start', exact: true }).click();
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
  const say = async (on: typeof page, text: string) => {
    const input = on.getByRole('textbox', { name: 'Message…' });
    await input.fill(text);
    await input.press('Enter');
    await on.locator('.kv-message:not(.kv-pending)', { hasText: text }).waitFor();
  };
  await say(borisPage, 'Привет! Смотрим 🍿');
  await say(page, 'Поехали 🎬');
  await page.locator('.kv-toast').first().waitFor({ state: 'detached', timeout: 10_000 });
  await borisPage.evaluate(() => {
    document.querySelector<HTMLVideoElement>('video#player')!.currentTime = 30;
  });
  await page.locator('.kv-toast', { hasText: /jumped to/ }).waitFor();
  await borisPage.getByRole('button', { name: 'React with 😂' }).click();
  await page.locator('.kv-float[data-emoji="😂"]').waitFor();
  // The page as it was opened: at the top, the focus no longer in the chat box.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.locator('h1.film-title').click();
  await Bun.sleep(450); // the reaction has popped in and started to rise
  await page.screenshot({ path: join(OUT, 'sidebar.png') });

  await page.getByRole('button', { name: 'Full screen with chat' }).click();
  await page.waitForFunction(() => document.fullscreenElement !== null);
  await borisPage.getByRole('button', { name: 'React with 😍' }).click();
  await page.locator('.kv-float[data-emoji="😍"]').waitFor();
  await Bun.sleep(450);
  await page.screenshot({ path: join(OUT, 'fullscreen-with-chat.png') });
  await page.getByRole('button', { name: 'Exit full screen' }).click();
  await page.waitForFunction(() => document.fullscreenElement === null);

  await page.getByRole('button', { name: 'Close room' }).click();
  await page.getByRole('button', { name: 'Close for everyone' }).click();
  await borisPage.getByText('The room was closed.').waitFor();
  await Bun.sleep(4000); // the last reactions have floated away
  await borisPage.screenshot({ path: join(OUT, 'room-closed.png') });
  console.log(`screenshots in ${OUT}`);
} finally {
  await Promise.all([anna.close(), boris.close()]);
  await stack.stop();
}
process.exit(0);
