/**
 * Issue 13: the store build in a real deployment. The Chrome zip `bun run release` made
 * for https://cinema.kino.test and https://api.kino.test runs in Chromium, which trusts
 * our locally generated certificate; HAProxy with the shipped deploy/haproxy/kino.cfg
 * terminates TLS for the demo cinema and for two backend processes that share Postgres
 * and Redis. Anna and Boris end up on different instances of one room; the instance
 * under Anna is stopped mid-film and everyone resumes; it comes back, the other one
 * crashes, and everyone resumes again. Vera then installs the Firefox package and joins
 * from her e-mailed link.
 */
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { FIREFOX_PATH, hasChromium, hasPostgres, isCI } from '@kino/test-support/services';
import { API_HOST, API_URL, CINEMA_ORIGIN } from '@kino/test-support/test-deployment';
import { SHUTDOWN_TIMING } from '../../backend/src/shutdown.ts';
import { pauseVideo, playVideo, seekVideo } from '../fixtures/video.ts';
import { compareVideos, type SyncExpectation, waitForSync } from '../fixtures/video-sync.ts';
import {
  chatLines,
  sendChat,
  sidebar,
  type Viewer,
  waitForChat,
  waitForStatus,
} from '../fixtures/viewer.ts';
import { expectStructuredLog } from './backend-log.ts';
import { checkBalancerEdges } from './balancer-checks.ts';
import { waitFor } from './child.ts';
import { type DeployStack, startDeployStack } from './deploy-stack.ts';
import {
  type FirefoxMember,
  openFirefoxMember,
  playsAlong,
  signInWithFirefox,
} from './firefox-member.ts';
import { type UnpackedRelease, unpackTestRelease } from './release-build.ts';
import { accessTokenOf, openDeployViewer, signInOnCinema } from './viewers.ts';

const PATH = `${process.env.PATH}:/usr/sbin`;
const hasTools = ['haproxy', 'redis-server', 'openssl', FIREFOX_PATH].every((tool) => {
  if (Bun.which(tool, { PATH })) return true;
  if (isCI) throw new Error(`${tool} is required in CI but is not installed`);
  console.warn(`[deploy] ${tool} not installed: the deploy suite is skipped`);
  return false;
});

const FILM = '/films/night-train';
const TOLERANCE_SEC = 0.5;
const log = (message: string) => console.log(`[deploy] ${message}`);

interface Participant {
  userId: string;
  instanceId: string;
}

describe.skipIf(!hasPostgres || !hasChromium || !hasTools)(
  'deploy: the release build over HTTPS behind HAProxy, two backend instances',
  () => {
    let stack: DeployStack;
    let release: UnpackedRelease | undefined;
    let anna: Viewer;
    let boris: Viewer;
    const everyone: Viewer[] = [];
    const chat: string[] = [];
    /** What members typed: none of it may appear in the backend's log. */
    const typed: string[] = [];
    let roomId = '';
    let inviteLink = '';
    let vera: FirefoxMember | undefined;
    let failed = false;

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

    const inSync = async (expected: Omit<SyncExpectation, 'toleranceSec'>) => {
      const held = await waitForSync(
        everyone.map((v) => v.page),
        { ...expected, toleranceSec: TOLERANCE_SEC },
      );
      log(`  in sync: ${held.positions.map((p) => p.toFixed(2)).join(' / ')} s`);
    };

    /** Where the room's members are connected, from the API through the balancer. */
    const participants = async (): Promise<Participant[]> => {
      const response = await stack.request(API_HOST, `/api/rooms/${roomId}`, {
        headers: { authorization: `Bearer ${await accessTokenOf(anna)}` },
      });
      expect(response.status).toBe(200);
      return (JSON.parse(response.body) as { participants: Participant[] }).participants;
    };
    const instanceOf = async (userId: string, among: Participant[]) =>
      among.filter((p) => p.userId === userId).map((p) => p.instanceId);

    /** Chat typed now, and then everyone sees exactly the lines so far, once each. */
    const say = async (viewer: Viewer, text: string) => {
      await sendChat(viewer, text);
      typed.push(text);
      chat.push(`${viewer.name} ${text}`);
      await Promise.all(everyone.map((v) => waitForChat(v, chat)));
    };

    beforeAll(async () => {
      release = await unpackTestRelease();
      stack = await startDeployStack();
      for (const [login, name] of [
        ['anna', 'Анна'],
        ['boris', 'Борис'],
      ] as const) {
        everyone.push(await openDeployViewer(login, name, release.chromeDir, stack.browserArgs()));
      }
      [anna, boris] = everyone as [Viewer, Viewer];
    }, 240_000);

    afterAll(async () => {
      if (failed && stack) log(`process output:\n${stack.output.join('\n')}`);
      await Promise.allSettled([...everyone.map((v) => v.profile.close()), vera?.close()]);
      await stack?.stop();
      await release?.remove();
    }, 60_000);

    step('the balancer terminates TLS, routes by host name and guards the API', async () => {
      await checkBalancerEdges(stack);
    });

    step(
      'Anna signs in on the HTTPS cinema and starts a room; the invite links are HTTPS',
      async () => {
        await signInOnCinema(anna, FILM);
        await anna.page.getByRole('button', { name: 'Watch together' }).click();
        await anna.page.locator('input[name="invitee"]').first().waitFor({ timeout: 15_000 });
        await anna.page.getByRole('button', { name: 'Start' }).click();
        await waitForStatus(anna, 'connected');
        await waitForSync([anna.page], { playing: true, toleranceSec: TOLERANCE_SEC });
        await waitFor('the invite to boris@ over SMTP', async () =>
          stack.smtp.received.some((m) => m.to === 'boris@kino.example'),
        );
        const mail = stack.smtp.received.find((m) => m.to === 'boris@kino.example')!;
        const link = mail.text.match(/https?:\/\/\S+\/join\/\S+/)?.[0] ?? '';
        expect(link).toStartWith(`${API_URL}/join/`);
        roomId = new URL(link).pathname.split('/').at(-1)!;
        inviteLink = link;
      },
    );

    step(
      'Boris opens the e-mailed link: the release build joins him, on Anna’s instance (by room)',
      async () => {
        await signInOnCinema(boris, '/');
        await boris.page.goto(inviteLink);
        await boris.page.waitForURL(new RegExp(`^${CINEMA_ORIGIN}${FILM}#kino-room=`), {
          timeout: 15_000,
        });
        await waitForStatus(boris, 'connected');
        for (const viewer of everyone) {
          for (const id of ['anna', 'boris']) {
            await sidebar(viewer).locator(`[data-user-id="${id}"]`).waitFor({ timeout: 10_000 });
          }
        }
        const members = await participants();
        const [annaOn, borisOn] = [
          await instanceOf('anna', members),
          await instanceOf('boris', members),
        ];
        log(`  anna on ${annaOn}, boris on ${borisOn}`);
        expect(annaOn).toHaveLength(1);
        // The balancer hashes the room id in /ws?room=…: a room's members share an instance, its
        // events stay off Redis (members on two instances: backend/test/realtime).
        expect(borisOn).toEqual(annaOn);
        await inSync({ playing: true });
      },
    );

    step('pause, play, seek and chat reach the other member', async () => {
      await pauseVideo(boris.page);
      await inSync({ playing: false });
      await playVideo(anna.page);
      await inSync({ playing: true });
      const target = (await compareVideos([boris.page])).positions[0]! + 15;
      const at = await seekVideo(boris.page, target);
      await inSync({ playing: true, from: { position: target, at } });
      await say(anna, 'Привет из первого');
      await say(boris, 'Hi from the other one');
    });

    step(
      'the instance under Anna stops mid-film (SIGTERM): she resumes on the other, nothing lost',
      async () => {
        const [annaOn] = await instanceOf('anna', await participants());
        const stopped = stack.instances.find((i) => i.id === annaOn)!;
        const survivor = stack.instances.find((i) => i !== stopped)!;
        const before = await compareVideos([boris.page]);
        const stop = await stopped.stop('SIGTERM');
        log(`  ${stopped.id} stopped: exit ${stop?.code} after ${Math.round(stop?.ms ?? 0)} ms`);
        // A graceful stop: exit 0 within the shutdown deadline, its last words logged.
        expect(stop).toMatchObject({ code: 0 });
        expect(stop!.ms).toBeLessThan(SHUTDOWN_TIMING.deadlineMs);
        const said = stopped.logLines().map((l) => (JSON.parse(l) as { msg: string }).msg);
        expect(said).toContain('shutting down');
        expect(said.at(-1)).toBe('stopped');
        await waitForStatus(anna, 'reconnecting');
        await sendChat(anna, 'Связь пропала?');
        typed.push('Связь пропала?');
        chat.push(`${anna.name} Связь пропала?`);
        await Promise.all(everyone.map((v) => waitForStatus(v, 'connected', 30_000)));
        await stack.balancer.waitForServer('kino_api', stopped.id, 'DOWN');
        const members = await participants();
        expect(await instanceOf('anna', members)).toEqual([survivor.id]);
        expect(await instanceOf('boris', members)).toEqual([survivor.id]);
        await inSync({ playing: true, from: { position: before.positions[0]!, at: before.at } });
        await Promise.all(everyone.map((v) => waitForChat(v, chat)));
        await say(boris, 'Всё на месте');
      },
      90_000,
    );

    step(
      'it comes back; the other instance crashes (SIGKILL): everyone moves to it and plays on',
      async () => {
        const members = await participants();
        const [crashing] = await instanceOf('boris', members);
        const returning = stack.instances.find((i) => i.id !== crashing)!;
        await returning.start();
        await stack.balancer.waitForServer('kino_api', returning.id, 'UP');
        log(`  ${returning.id} is back in the pool`);
        const before = await compareVideos([anna.page]);
        await stack.instances.find((i) => i.id === crashing)!.stop('SIGKILL');
        log(`  ${crashing} killed`);
        // Both reconnect through the balancer, which retries a refused connection on the live
        // instance before its health check has noticed the crash.
        await waitFor(
          'both members on the returning instance',
          async () => {
            const now = await participants();
            return (
              (await instanceOf('anna', now)).includes(returning.id) &&
              (await instanceOf('boris', now)).includes(returning.id)
            );
          },
          30_000,
        );
        await Promise.all(everyone.map((v) => waitForStatus(v, 'connected', 30_000)));
        await inSync({ playing: true, from: { position: before.positions[0]!, at: before.at } });
        await say(anna, 'Работает после падения');
        for (const viewer of everyone) expect(await chatLines(viewer)).toEqual(chat);
        // The crashed instance could not say goodbye: its entries go once it is presumed dead.
        await waitFor(
          `no member left on the crashed ${crashing}`,
          async () => (await participants()).every((p) => p.instanceId === returning.id),
          45_000,
        );
      },
      120_000,
    );
    step(
      'Vera installs the Firefox package and joins from her e-mailed link',
      async () => {
        const mail = stack.smtp.received.find((m) => m.to === 'vera@kino.example');
        const link = mail?.text.match(/https?:\/\/\S+\/join\/\S+/)?.[0];
        expect(link).toStartWith(`${API_URL}/join/${roomId}`);
        vera = await openFirefoxMember(release!.firefoxDir, stack.balancer.httpsPort);
        await signInWithFirefox(vera.page, 'vera');
        await vera.page.goto(link!);
        await vera.page.waitForFunction(
          (film) => location.href.startsWith(film) && location.hash.includes('kino-room='),
          { timeout: 20_000 },
          `${CINEMA_ORIGIN}${FILM}`,
        );
        await waitFor('Vera among the participants', async () =>
          (await participants()).some((p) => p.userId === 'vera'),
        );
        // Her player follows the room: playing, at Anna's position.
        await waitFor('Vera’s video at the room’s moment', () =>
          playsAlong(vera!.page, anna.page, TOLERANCE_SEC * 2),
        );
      },
      120_000,
    );

    step('every instance logged one JSON object per line, with nothing private in it', async () => {
      for (const instance of stack.instances) {
        expectStructuredLog(instance.logLines(), instance.id, [
          ...typed,
          await accessTokenOf(anna),
        ]);
      }
    });
  },
);
