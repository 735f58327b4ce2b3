/**
 * One benchmark run with a room: a fresh room, its members in their browsers (directly
 * on the backend or each through its own proxy link), a warm-up, random actions for the
 * run's duration, then every page's recording. The floor run (no room) is floor.ts.
 */
import { loadavg } from 'node:os';
import { createJitterSchedule } from './jitter.ts';
import { createLossySchedule } from './lossy-link.ts';
import {
  createRoom,
  joinFirefoxMember,
  joinMember,
  MEMBER_LOGINS,
  type Member,
} from './members.ts';
import {
  allPlaying,
  clockSkewMs,
  collectProbe,
  installProbe,
  type ProbePage,
  performAction,
} from './probe.ts';
import { type LatencyProxy, startLatencyProxy } from './proxy.ts';
import { type Random, seededRandom } from './random.ts';
import type { Link, RunDefinition } from './runs.ts';
import { nextAction } from './scenario.ts';
import type { ActionType, MemberAction, MemberTrace, RunRecording } from './types.ts';

export const FILM_ID = 'long-road';
export const FILM_SEC = 720;
export const SAMPLE_MS = 50;
export const WARMUP_MS = 3000;
export const COOLDOWN_MS = 2000;

export interface RunSetup {
  run: RunDefinition;
  cinemaUrl: string;
  backendUrl: string;
  backendPort: number;
  /** The run's copy of the built Chromium extension, and the Firefox build. */
  extensionDir: string;
  firefoxBuild: string;
  seed: number;
  log: (line: string) => void;
}

/** Who acts: a page (and its videos) per member index. */
export interface Actor {
  page: ProbePage;
  selectors?: readonly string[];
  name: string;
}

export async function actRandomly(
  actors: readonly Actor[],
  run: RunDefinition,
  random: Random,
  log: (line: string) => void,
): Promise<MemberAction[]> {
  const actions: MemberAction[] = [];
  const config = { members: actors.length, filmSec: FILM_SEC, marginSec: 30, ...run.gap };
  let roomPlaying = true;
  const end = performance.now() + run.durationSec * 1000;
  while (performance.now() < end) {
    const plan = nextAction(config, roomPlaying, random);
    const actor = actors[plan.member];
    if (!actor) throw new Error(`no member ${plan.member}`);
    const done = await performAction(actor.page, plan.type, plan.seekTo, actor.selectors);
    actions.push({ member: plan.member, t: done.t, type: plan.type, pos: done.pos });
    const where = plan.type === 'seek' ? `→ ${plan.seekTo}s` : `at ${done.pos.toFixed(2)}s`;
    log(`  ${actor.name} ${plan.type} ${where}`);
    if (plan.type !== 'seek') roomPlaying = plan.type === 'play';
    await Bun.sleep(Math.min(plan.nextInMs, Math.max(0, end - performance.now())));
  }
  return actions;
}

function linkSchedule(link: Link, random: Random) {
  switch (link.kind) {
    case 'direct':
      return null;
    case 'latency':
      return () => createJitterSchedule(link.latency, random);
    case 'lossy':
      return () => createLossySchedule(link.latency, link.loss, random);
  }
}

export async function measure(
  actors: readonly Actor[],
  run: RunDefinition,
  random: Random,
  log: (line: string) => void,
  start: ActionType = 'play',
): Promise<{ from: number; to: number; actions: MemberAction[]; loadAverage: [number, number] }> {
  const [owner] = actors;
  if (!owner) throw new Error('no members');
  await performAction(owner.page, start, null, owner.selectors);
  for (const actor of actors) {
    const deadline = performance.now() + 20_000;
    while (!(await allPlaying(actor.page, 0.5, actor.selectors))) {
      if (performance.now() > deadline) throw new Error(`${actor.name} did not start playing`);
      await Bun.sleep(100);
    }
  }
  await Bun.sleep(WARMUP_MS);
  const loadAtStart = loadavg()[0] ?? 0;
  const from = performance.timeOrigin + performance.now();
  const actions = await actRandomly(actors, run, random, log);
  await Bun.sleep(COOLDOWN_MS);
  const to = performance.timeOrigin + performance.now();
  return { from, to, actions, loadAverage: [loadAtStart, loadavg()[0] ?? 0] };
}

export async function runSyncBench(setup: RunSetup): Promise<RunRecording> {
  const { run } = setup;
  const random = seededRandom(setup.seed);
  const proxies: LatencyProxy[] = [];
  const members: Member[] = [];
  const filmPath = `/films/${FILM_ID}${run.filmQuery}`;
  try {
    const logins = MEMBER_LOGINS.slice(0, run.browsers.length);
    const roomId = await createRoom(setup.cinemaUrl, setup.backendUrl, FILM_ID, logins.slice(1));
    setup.log(`[${run.label}] room ${roomId} on ${filmPath} with ${logins.join(', ')}`);
    for (const [index, browser] of run.browsers.entries()) {
      if (browser === 'firefox') {
        members.push(
          await joinFirefoxMember({
            index,
            firefoxBuild: setup.firefoxBuild,
            cinemaUrl: setup.cinemaUrl,
            filmPath,
            roomId,
          }),
        );
        setup.log(`[${run.label}] ${logins[index]} joined in Firefox`);
        continue;
      }
      let backendUrl = setup.backendUrl;
      const link = linkSchedule(run.link, seededRandom(setup.seed * 100 + index));
      if (link) {
        const proxy = await startLatencyProxy({ host: '127.0.0.1', port: setup.backendPort }, link);
        proxies.push(proxy);
        backendUrl = proxy.url;
      }
      members.push(
        await joinMember({
          index,
          extensionDir: setup.extensionDir,
          cinemaUrl: setup.cinemaUrl,
          backendUrl,
          filmPath,
          roomId,
        }),
      );
      setup.log(`[${run.label}] ${logins[index]} joined via ${backendUrl}`);
    }
    for (const member of members) await installProbe(member.page, SAMPLE_MS);
    const clockSkew = await Promise.all(members.map((m) => clockSkewMs(m.page)));
    const actors = members.map((m) => ({ page: m.page, name: m.login }));
    const measured = await measure(actors, run, random, setup.log);
    const traces: MemberTrace[] = [];
    for (const member of members) {
      const [recorded] = await collectProbe(member.page);
      traces.push({
        member: member.index,
        name: member.login,
        browser: member.browser,
        samples: recorded?.samples ?? [],
        events: recorded?.events ?? [],
      });
    }
    return {
      label: run.label,
      title: run.title,
      latency: run.link.kind === 'direct' ? null : run.link.latency,
      from: measured.from,
      to: measured.to,
      traces,
      actions: measured.actions,
      clockSkewMs: clockSkew,
      loadAverage: measured.loadAverage,
    };
  } finally {
    await Promise.all(members.map((m) => m.close().catch(() => {})));
    await Promise.all(proxies.map((p) => p.close()));
  }
}
