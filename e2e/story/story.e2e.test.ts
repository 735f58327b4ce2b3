/**
 * Issue 6, item 1: the whole story as users live it, in Debian's Chromium with the
 * built extension, the demo cinema and the backend on real Postgres, Redis and SMTP.
 * The film is Harbor Lights: HLS in the cinema's own player, after a pre-roll ad in the same
 * <video> (issue 17). Anna starts a room, the invites arrive by e-mail, Boris and Vera join
 * from them — each into the ad, which holds nobody at its timeline: they rejoin the room's
 * moment when the film starts — everyone controls playback, Boris reloads into the ad again
 * (nobody is yanked back), they chat and react, the backend restarts mid-film, and Anna
 * closes the room. The steps run in order and build on each other.
 */
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { copyExtension, type ExtensionCopy } from '@kino/test-support/chromium';
import { hasChromium, hasPostgres, hasRedis } from '@kino/test-support/services';
import {
  BACKEND_URL,
  type ProductionStack,
  startProductionStack,
  waitForInviteLink,
} from '../fixtures/production-stack.ts';
import { buildExtension, CHROME_BUILD } from '../fixtures/profile.ts';
import { pauseVideo, playVideo, seekVideo } from '../fixtures/video.ts';
import { compareVideos, type SyncExpectation, waitForSync } from '../fixtures/video-sync.ts';
import {
  chatLines,
  openViewer,
  sendChat,
  sidebar,
  signInWithForm,
  type Viewer,
  waitForChat,
  waitForFilm,
  waitForFloatingReaction,
  waitForStatus,
} from '../fixtures/viewer.ts';

/** Largest position gap between two players we accept, in seconds (the goal). */
const TOLERANCE_SEC = 0.5;
const FILM = '/films/harbor-lights';
const PEOPLE = [
  ['anna', 'Анна'],
  ['boris', 'Борис'],
  ['vera', 'Вера'],
] as const;

const log = (message: string) => console.log(`[story] ${message}`);

/** Everyone's player reaches the expected state and holds it for a second. */
async function expectInSync(viewers: Viewer[], expected: Omit<SyncExpectation, 'toleranceSec'>) {
  const pages = viewers.map((v) => v.page);
  const held = await waitForSync(pages, { ...expected, toleranceSec: TOLERANCE_SEC }).catch(
    async (error: unknown) => {
      // What each sidebar said when they never agreed: a hold, a pause and by whom, a status.
      for (const viewer of viewers) {
        const said = await sidebar(viewer)
          .textContent({ timeout: 1000 })
          .catch(() => '(no sidebar)');
        log(`  ${viewer.login}'s sidebar: ${(said ?? '').replace(/\s+/g, ' ').slice(0, 400)}`);
      }
      throw error;
    },
  );
  const positions = held.positions.map((p) => p.toFixed(2)).join(' / ');
  log(
    `  ${expected.playing ? 'playing' : 'paused'} at ${positions} s (gap ${(held.gap * 1000).toFixed(0)} ms, agreed after ${held.agreedAfterMs} ms)`,
  );
}

describe.skipIf(!hasPostgres || !hasRedis || !hasChromium)(
  'the story: Anna, Boris and Vera watch Harbor Lights together (HLS, after an ad)',
  () => {
    let stack: ProductionStack;
    let anna: Viewer;
    let boris: Viewer;
    let vera: Viewer;
    const everyone: Viewer[] = [];
    let extension: ExtensionCopy | undefined;
    const chat: string[] = [];
    let failed = false;

    /** A step of the story; a failure marks the run so afterAll prints the backend's log. */
    const step = (name: string, run: () => Promise<void>, timeout = 60_000) =>
      test(
        name,
        async () => {
          log(name);
          try {
            await run();
          } catch (error) {
            failed = true;
            throw error;
          }
        },
        timeout,
      );

    beforeAll(async () => {
      // CI builds the extension before the browser tests; a local run may not have.
      if (!existsSync(join(CHROME_BUILD, 'manifest.json'))) await buildExtension();
      stack = await startProductionStack();
      expect(await stack.health()).toMatchObject({
        ok: true,
        stores: { db: 'postgres', live: 'redis', mail: 'smtp' },
      });
      extension = await copyExtension();
      // One after another, each kept as soon as it is open, so afterAll closes
      // every browser that started even if a later one fails to.
      for (const [login, name] of PEOPLE) {
        everyone.push(await openViewer(login, name, extension.dir));
      }
      [anna, boris, vera] = everyone as [Viewer, Viewer, Viewer];
    }, 210_000);

    afterAll(async () => {
      // The whole backend log when a step failed; its errors in any case (they may
      // point at a problem the steps did not catch).
      const lines = (stack?.backendLog ?? []).filter((l) => failed || l.includes(' error '));
      if (lines.length > 0) console.log(`[story] backend log:\n${lines.join('\n')}`);
      await Promise.allSettled(everyone.map((v) => v.profile.close()));
      await stack?.stop();
      await extension?.remove();
    }, 60_000);

    step('Anna signs in, opens Harbor Lights, sees Boris and Vera and starts a room', async () => {
      await signInWithForm(anna, FILM);
      expect(await anna.page.locator('.player[data-phase="ad"]').count()).toBe(1);
      await anna.page.getByRole('button', { name: 'Watch together' }).click();
      const invitees = anna.page.locator('input[name="invitee"]');
      await invitees.first().waitFor({ timeout: 15_000 });
      const matches = await anna.page
        .locator('label.kv-match:has(input[name="invitee"])')
        .evaluateAll((labels) =>
          labels.map((label) => {
            const box = label.querySelector('input') as HTMLInputElement;
            return [box.value, label.textContent?.trim(), box.checked];
          }),
        );
      expect(matches).toEqual([
        ['boris', 'Борис', true],
        ['vera', 'Вера', true],
      ]);
      await anna.page.getByRole('button', { name: 'Start' }).click();
      await waitForStatus(anna, 'connected');
      await waitForFilm(anna);
      await expectInSync([anna], { playing: true });
    });

    const links = new Map<string, string>();
    let roomId = '';

    step('the invites arrive over SMTP, each with the room’s link', async () => {
      for (const address of ['boris@kino.example', 'vera@kino.example']) {
        links.set(address, await waitForInviteLink(stack, address));
      }
      const [toBoris, toVera] = [...links.values()];
      expect(toBoris).toMatch(/^http:\/\/localhost:8787\/join\//);
      expect(toVera).toMatch(/^http:\/\/localhost:8787\/join\//);
      // One link for the room (the server admits by account), and nobody else invited (Gleb
      // is a friend but does not want this film).
      expect(toBoris).toBe(toVera);
      roomId = new URL(toBoris!).pathname.split('/').at(-1)!;
      expect(stack.mails.map((m) => m.to).sort()).toEqual([
        'boris@kino.example',
        'vera@kino.example',
      ]);
    });

    step(
      'Boris and Vera sign in, open their links, sit through the ad and land at the room’s moment',
      async () => {
        const before = await compareVideos([anna.page]);
        const join = async (viewer: Viewer, address: string) => {
          await signInWithForm(viewer, '/');
          await viewer.page.goto(links.get(address)!);
          await viewer.page.waitForURL(/\/films\/harbor-lights#kino-room=/, { timeout: 15_000 });
          await waitForStatus(viewer, 'connected');
        };
        // While Boris's ad plays, Anna sees him as "in an ad" (not at a film position).
        const seenInAd = sidebar(anna)
          .locator('[data-user-id="boris"][data-player="ad"]')
          .waitFor({ timeout: 20_000 });
        await Promise.all([join(boris, 'boris@kino.example'), join(vera, 'vera@kino.example')]);
        await seenInAd;
        await Promise.all([waitForFilm(boris), waitForFilm(vera)]);
        for (const viewer of everyone) {
          for (const id of ['anna', 'boris', 'vera']) {
            await sidebar(viewer).locator(`[data-user-id="${id}"]`).waitFor({ timeout: 10_000 });
          }
        }
        await expectInSync(everyone, { playing: true });
        // Nobody was taken to the ad's timeline: Anna went on from where she was.
        const after = await compareVideos([anna.page]);
        expect(after.positions[0]!).toBeGreaterThan(before.positions[0]! + 1);
        await sidebar(anna)
          .locator('[data-user-id="boris"]:not([data-player])')
          .waitFor({ timeout: 10_000 });
      },
      90_000,
    );

    step(
      'Boris reloads into the ad: nobody is yanked to 0:00, and he rejoins after it',
      async () => {
        const before = await compareVideos([anna.page]);
        await boris.page.goto(links.get('boris@kino.example')!);
        await boris.page.locator('.player[data-phase="ad"]').waitFor({ state: 'attached' });
        await waitForStatus(boris, 'connected');
        await waitForFilm(boris);
        await expectInSync(everyone, { playing: true, timeoutMs: 30_000 });
        const after = await compareVideos([anna.page, vera.page]);
        for (const position of after.positions) {
          expect(position).toBeGreaterThan(before.positions[0]! + 1);
        }
      },
      90_000,
    );

    for (const [who, seekTo] of [
      ['Boris', (now: number) => now + 20],
      ['Vera', () => 10],
    ] as const) {
      step(`${who} pauses, plays and seeks; everyone follows each time`, async () => {
        const actor = who === 'Boris' ? boris : vera;
        await pauseVideo(actor.page);
        await expectInSync(everyone, { playing: false });
        await playVideo(actor.page);
        await expectInSync(everyone, { playing: true });
        const target = seekTo((await compareVideos([actor.page])).positions[0]!);
        const seekedAt = await seekVideo(actor.page, target);
        log(`  ${who} seeks to ${target.toFixed(2)} s`);
        await expectInSync(everyone, { playing: true, from: { position: target, at: seekedAt } });
      });
    }

    step('chat lines and reactions go round, with names', async () => {
      const lines: [Viewer, string][] = [
        [anna, 'Поехали!'],
        [boris, 'Привет всем'],
        [vera, 'Hi everyone 👋'],
      ];
      for (const [sender, text] of lines) {
        await sendChat(sender, text);
        chat.push(`${sender.name} ${text}`);
        await Promise.all(everyone.map((viewer) => waitForChat(viewer, chat)));
      }
      const reactions: [Viewer, string][] = [
        [anna, '😍'],
        [boris, '😱'],
        [vera, '😁'],
      ];
      for (const [sender, emoji] of reactions) {
        await sidebar(sender)
          .getByRole('button', { name: `React with ${emoji}` })
          .click();
        const others = everyone.filter((viewer) => viewer !== sender);
        await Promise.all(others.map((viewer) => waitForFloatingReaction(viewer, emoji)));
      }
    });

    step(
      'the backend restarts mid-film: everyone reconnects and resumes, no chat lost',
      async () => {
        const before = await compareVideos([anna.page]);
        await stack.stopBackend();
        await Promise.all(everyone.map((viewer) => waitForStatus(viewer, 'reconnecting')));
        log('  backend down, every sidebar says reconnecting');
        // A line typed while the backend is away is kept and delivered once it is back.
        await sendChat(vera, 'Связь пропала?');
        chat.push(`${vera.name} Связь пропала?`);
        await stack.startBackend();
        await Promise.all(everyone.map((viewer) => waitForStatus(viewer, 'connected', 30_000)));
        log('  backend back, every sidebar says connected');
        await expectInSync(everyone, {
          playing: true,
          from: { position: before.positions[0]!, at: before.at },
        });
        // Every line exactly once, in order, everywhere (history is re-read on reconnect).
        await Promise.all(everyone.map((viewer) => waitForChat(viewer, chat)));
        await sendChat(boris, 'Работает после перезапуска');
        chat.push(`${boris.name} Работает после перезапуска`);
        await Promise.all(everyone.map((viewer) => waitForChat(viewer, chat)));
        for (const viewer of everyone) expect(await chatLines(viewer)).toEqual(chat);
      },
      90_000,
    );

    step('Anna closes the room and Boris and Vera are told', async () => {
      await sidebar(anna).getByRole('button', { name: 'Close room' }).click();
      await sidebar(anna).getByRole('button', { name: 'Close for everyone' }).click();
      for (const viewer of [boris, vera]) {
        await sidebar(viewer)
          .getByRole('alert')
          .filter({ hasText: 'The room was closed.' })
          .waitFor({ timeout: 15_000 });
        await waitForStatus(viewer, 'closed');
      }
      // Archived in Postgres: the room now has its closing time.
      const session = await anna.page.evaluate(async () => (await fetch('/api/session')).json());
      const response = await fetch(`${BACKEND_URL}/api/rooms/${roomId}`, {
        headers: { Authorization: `Bearer ${(session as { accessToken: string }).accessToken}` },
      });
      expect(response.status).toBe(200);
      const room = (await response.json()) as { id: string; closedAt: string | null };
      expect(room.id).toBe(roomId);
      expect(room.closedAt).not.toBeNull();
    });
  },
);
