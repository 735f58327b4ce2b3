/**
 * The store screenshots, 1280×800 (Chrome Web Store's size; AMO takes it too), in English
 * and Russian, made from the real product: the release package in Chromium against the
 * test deployment behind HAProxy (e2e/deploy), two people in one room.
 *
 *   bun run store:screenshots      # writes deploy/store/screenshots/{en,ru}/*.png
 *
 * Needs what the deploy suite needs (Postgres, haproxy, redis-server, Chromium); binds
 * only free ports, so it needs no e2e lock.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { waitFor } from '../../e2e/deploy/child.ts';
import { type DeployStack, startDeployStack } from '../../e2e/deploy/deploy-stack.ts';
import { type UnpackedRelease, unpackTestRelease } from '../../e2e/deploy/release-build.ts';
import { openDeployViewer, signInOnCinema } from '../../e2e/deploy/viewers.ts';
import { type Viewer, waitForStatus } from '../../e2e/fixtures/viewer.ts';
import { en, ru } from '../../extension/src/i18n/messages.ts';
import { SCREENSHOT_FILES } from './store-assets.ts';

const SCREENSHOTS_DIR = join(import.meta.dir, 'screenshots');

const FILM = '/films/night-train';
const LANGUAGES = [
  {
    lang: 'en',
    locale: 'en-US',
    text: en,
    chat: ['Ready? Starting now 🍿', 'Wait, who is that on the train?!'],
  },
  {
    lang: 'ru',
    locale: 'ru-RU',
    text: ru,
    chat: ['Готовы? Запускаю 🍿', 'Стоп, кто это в поезде?!'],
  },
] as const;

const log = (line: string) => console.log(`[screenshots] ${line}`);

async function invitedLink(stack: DeployStack, to: string, seen: number): Promise<string> {
  await waitFor(
    `a new invite to ${to}`,
    async () => stack.smtp.received.filter((m) => m.to === to).length > seen,
  );
  const mail = stack.smtp.received.filter((m) => m.to === to).at(-1)!;
  return mail.text.match(/https:\/\/\S+\/join\/\S+/)![0];
}

async function scrollTo(page: Page, y: number): Promise<void> {
  await page.evaluate((top) => window.scrollTo(0, top), y);
  await Bun.sleep(200);
}

/** Lets the film run to a frame with something in it, and settles the page's animations. */
async function atMoment(page: Page, seconds: number): Promise<void> {
  await page.evaluate((t) => {
    const video = document.querySelector<HTMLVideoElement>('video#player')!;
    video.currentTime = t;
  }, seconds);
  await Bun.sleep(1500);
}

async function shoot(
  stack: DeployStack,
  release: UnpackedRelease,
  language: (typeof LANGUAGES)[number],
): Promise<void> {
  const { text: L } = language;
  const sidebar = (viewer: Viewer) =>
    viewer.page.getByRole('complementary', { name: L.sidebarTitle });
  const out = join(SCREENSHOTS_DIR, language.lang);
  await mkdir(out, { recursive: true });
  const people: Viewer[] = [];
  try {
    for (const [login, name] of [
      ['anna', 'Анна'],
      ['boris', 'Борис'],
    ] as const) {
      people.push(
        await openDeployViewer(
          login,
          name,
          release.chromeDir,
          stack.browserArgs(),
          language.locale,
        ),
      );
    }
    const [anna, boris] = people as [Viewer, Viewer];
    await signInOnCinema(anna, FILM);
    await signInOnCinema(boris, '/');
    const page = anna.page;

    const watch = page.getByRole('button', { name: L.watchTogether });
    await watch.waitFor();
    await scrollTo(page, 150);
    await page.screenshot({ path: join(out, SCREENSHOT_FILES[0]!) });

    await scrollTo(page, 0);
    await watch.click();
    await page.locator('input[name="invitee"]').first().waitFor();
    // The panel opens where it fits, with Start on screen: no scrolling needed.
    await page.screenshot({ path: join(out, SCREENSHOT_FILES[1]!) });

    const seen = stack.smtp.received.filter((m) => m.to === 'boris@kino.example').length;
    await page.getByRole('button', { name: L.start }).click();
    await waitForStatus(anna, 'connected');
    await boris.page.goto(await invitedLink(stack, 'boris@kino.example', seen));
    await waitForStatus(boris, 'connected');
    await sidebar(anna).locator('[data-user-id="boris"]').waitFor();
    for (const [who, line] of [
      [anna, language.chat[0]],
      [boris, language.chat[1]],
    ] as const) {
      const input = sidebar(who).getByRole('textbox', { name: L.chatPlaceholder });
      await input.fill(line);
      await input.press('Enter');
      await sidebar(anna).getByText(line).waitFor();
    }
    await atMoment(page, 6);
    await scrollTo(page, 0);
    // No focus ring on the chat box in the picture.
    await page.evaluate(() =>
      (document.activeElement?.shadowRoot?.activeElement as HTMLElement | null)?.blur(),
    );
    await sidebar(boris)
      .getByRole('button', { name: L.react.replace('{emoji}', '😍') })
      .click();
    await page.locator('.kv-float').first().waitFor();
    await Bun.sleep(450); // the reaction has popped in and started to rise
    await page.screenshot({ path: join(out, SCREENSHOT_FILES[2]!) });
    // Close the room, so the next language starts from a clean page.
    await sidebar(anna).getByRole('button', { name: L.closeRoom }).click();
    await sidebar(anna).getByRole('button', { name: L.closeRoomYes }).click();
    await waitForStatus(boris, 'closed');
    log(`${language.lang}: ${SCREENSHOT_FILES.join(', ')} in ${out}`);
  } finally {
    await Promise.allSettled(people.map((p) => p.profile.close()));
  }
}

if (import.meta.main) {
  const release = await unpackTestRelease();
  const stack = await startDeployStack();
  try {
    for (const language of LANGUAGES) await shoot(stack, release, language);
  } finally {
    await stack.stop();
    await release.remove();
  }
  process.exit(0);
}
