/**
 * One benchmark run: a fresh room, its members in their browsers (directly on the
 * backend or each through its own latency proxy), a warm-up, random actions for
 * the run's duration, then every page's recording.
 */
import { loadavg } from 'node:os';
import { createRoom, joinMember, MEMBER_LOGINS, type Member } from './members.ts';
import { clockSkewMs, collectProbe, installProbe, performAction } from './probe.ts';
import { type LatencyProxy, startLatencyProxy } from './proxy.ts';
import { type Random, seededRandom } from './random.ts';
import { DEFAULT_GAP, nextAction } from './scenario.ts';
import type { MemberAction, MemberTrace, RunRecording } from './types.ts';

export const FILM_ID = 'long-road';
const FILM_SEC = 720;
const SAMPLE_MS = 50;
const WARMUP_MS = 3000;
const COOLDOWN_MS = 2000;

export interface RunSetup {
  label: 'loopback' | 'proxy';
  cinemaUrl: string;
  backendUrl: string;
  backendPort: number;
  /** The run's copy of the built extension. */
  extensionDir: string;
  members: number;
  durationSec: number;
  seed: number;
  latency: { meanMs: number; jitterMs: number } | null;
  log: (line: string) => void;
}

async function waitUntilAllPlaying(members: readonly Member[], timeoutMs: number): Promise<void> {
  await Promise.all(
    members.map((m) =>
      m.page.waitForFunction(
        () => {
          const video = document.querySelector<HTMLVideoElement>('video#player');
          return Boolean(video && !video.paused && video.currentTime > 0.5);
        },
        undefined,
        { timeout: timeoutMs },
      ),
    ),
  );
}

async function actRandomly(
  members: readonly Member[],
  durationMs: number,
  random: Random,
  log: (line: string) => void,
): Promise<MemberAction[]> {
  const actions: MemberAction[] = [];
  const config = { members: members.length, filmSec: FILM_SEC, ...DEFAULT_GAP };
  let roomPlaying = true;
  const end = performance.now() + durationMs;
  while (performance.now() < end) {
    const plan = nextAction(config, roomPlaying, random);
    const member = members[plan.member];
    if (!member) throw new Error(`no member ${plan.member}`);
    const done = await performAction(member.page, plan.type, plan.seekTo);
    actions.push({ member: plan.member, t: done.t, type: plan.type, pos: done.pos });
    log(
      `  ${member.login} ${plan.type} ${plan.type === 'seek' ? `→ ${plan.seekTo}s` : `at ${done.pos.toFixed(2)}s`}`,
    );
    if (plan.type !== 'seek') roomPlaying = plan.type === 'play';
    await Bun.sleep(Math.min(plan.nextInMs, Math.max(0, end - performance.now())));
  }
  return actions;
}

export async function runSyncBench(setup: RunSetup): Promise<RunRecording> {
  const random = seededRandom(setup.seed);
  const proxies: LatencyProxy[] = [];
  const members: Member[] = [];
  try {
    const logins = MEMBER_LOGINS.slice(0, setup.members);
    const roomId = await createRoom(setup.cinemaUrl, setup.backendUrl, FILM_ID, logins.slice(1));
    setup.log(`[${setup.label}] room ${roomId} on ${FILM_ID} with ${logins.join(', ')}`);
    for (let index = 0; index < setup.members; index++) {
      let backendUrl = setup.backendUrl;
      if (setup.latency) {
        const proxy = await startLatencyProxy(
          { host: '127.0.0.1', port: setup.backendPort },
          setup.latency,
          seededRandom(setup.seed * 100 + index),
        );
        proxies.push(proxy);
        backendUrl = proxy.url;
      }
      members.push(
        await joinMember({
          index,
          extensionDir: setup.extensionDir,
          cinemaUrl: setup.cinemaUrl,
          backendUrl,
          filmId: FILM_ID,
          roomId,
        }),
      );
      setup.log(`[${setup.label}] ${logins[index]} joined via ${backendUrl}`);
    }
    for (const member of members) await installProbe(member.page, SAMPLE_MS);
    const clockSkew = await Promise.all(members.map((m) => clockSkewMs(m.page)));

    // Anna starts the film; everyone must follow before measuring starts.
    const [owner] = members;
    if (!owner) throw new Error('no members');
    await performAction(owner.page, 'play', null);
    await waitUntilAllPlaying(members, 20_000);
    await Bun.sleep(WARMUP_MS);

    const loadAtStart = loadavg()[0] ?? 0;
    const from = performance.timeOrigin + performance.now();
    const actions = await actRandomly(members, setup.durationSec * 1000, random, setup.log);
    await Bun.sleep(COOLDOWN_MS);
    const to = performance.timeOrigin + performance.now();

    const traces: MemberTrace[] = [];
    for (const member of members) {
      const recorded = await collectProbe(member.page);
      traces.push({ member: member.index, name: member.login, ...recorded });
    }
    return {
      label: setup.label,
      latency: setup.latency,
      from,
      to,
      traces,
      actions,
      clockSkewMs: clockSkew,
      loadAverage: [loadAtStart, loadavg()[0] ?? 0],
    };
  } finally {
    await Promise.all(members.map((m) => m.profile.close().catch(() => {})));
    await Promise.all(proxies.map((p) => p.close()));
  }
}
