/**
 * One benchmark run with a room: a fresh room, its members in their browsers (directly
 * on the backend or each through its own proxy link), a warm-up, random actions for the
 * run's duration (and the run's ad breaks: a member reloads into the pre-roll ad while the
 * others go on acting), then every page's recording. The floor run (no room) is floor.ts.
 */
import { loadavg } from 'node:os';
import { type ProbeRecording, reloadIntoAd, sitThroughPreRoll } from './ad-member.ts';
import { createJitterSchedule } from './jitter.ts';
import { createLossySchedule } from './lossy-link.ts';
import {
  createRoom,
  joinFirefoxMember,
  joinMember,
  MEMBER_LOGINS,
  type Member,
} from './members.ts';
import { observeRoom, type RoomObserver } from './observer.ts';
import {
  allPlaying,
  clockSkewMs,
  collectProbe,
  installProbe,
  isPaused,
  type ProbePage,
  performAction,
} from './probe.ts';
import { type LatencyProxy, startLatencyProxy } from './proxy.ts';
import { type Random, seededRandom } from './random.ts';
import { filmSeconds, type Link, type RunDefinition } from './runs.ts';
import { freeMember, nextAction } from './scenario.ts';
import type {
  ActionType,
  AdBreakRecord,
  MemberAction,
  MemberTrace,
  RunRecording,
} from './types.ts';

export const SAMPLE_MS = 50;
export const WARMUP_MS = 3000;
export const COOLDOWN_MS = 2000;
/** After an ad break the member does not act for this long: it is rejoining (ms). */
export const REJOIN_GRACE_MS = 2000;

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

/** Takes a member through an ad break; resolves once it is back on the film. */
export type AdBreakDriver = (member: number) => Promise<void>;

export async function actRandomly(
  actors: readonly Actor[],
  run: RunDefinition,
  random: Random,
  log: (line: string) => void,
  adBreak?: AdBreakDriver,
): Promise<MemberAction[]> {
  const actions: MemberAction[] = [];
  const config = {
    members: actors.length,
    filmSec: filmSeconds(run.film.id),
    marginSec: run.film.seekMarginSec,
    ...run.gap,
  };
  const start = performance.now();
  const end = start + run.durationSec * 1000;
  const plans = adBreak ? [...run.adBreaks] : [];
  /** Members in an ad break: they do not act until they are back on the film. */
  const busy = new Set<number>();
  const breaks: Promise<void>[] = [];
  let failure: unknown = null;
  while (performance.now() < end) {
    const due = plans[0];
    // A member still in its last ad break goes into the next one once it is back.
    if (adBreak && due && !busy.has(due.member) && performance.now() - start >= due.atSec * 1000) {
      plans.shift();
      busy.add(due.member);
      log(`  ${actors[due.member]?.name ?? due.member} reloads into the ad`);
      breaks.push(
        adBreak(due.member)
          .catch((error: unknown) => {
            failure ??= error;
          })
          .finally(() => busy.delete(due.member)),
      );
      // The reload is this turn's doing: the next action comes a gap later, while the
      // member is in the ad, as the room goes on (not in the instant it leaves).
      await Bun.sleep(run.gap.minGapMs);
      continue;
    }
    // The room's state as a free member shows it (a buffering hold may have paused it).
    const observer = actors[freeMember(0, busy, actors.length) ?? 0];
    const roomPlaying = observer ? !(await isPaused(observer.page, observer.selectors)) : true;
    const plan = nextAction(config, roomPlaying, random);
    const member = freeMember(plan.member, busy, actors.length) ?? plan.member;
    const actor = actors[member];
    if (!actor) throw new Error(`no member ${member}`);
    const done = await performAction(actor.page, plan.type, plan.seekTo, actor.selectors);
    actions.push({ member, t: done.t, type: plan.type, pos: done.pos, buffered: done.buffered });
    const where = plan.type === 'seek' ? `→ ${plan.seekTo}s` : `at ${done.pos.toFixed(2)}s`;
    const unbuffered = done.buffered === false ? ' (unbuffered)' : '';
    log(`  ${actor.name} ${plan.type} ${where}${unbuffered}`);
    await Bun.sleep(Math.min(plan.nextInMs, Math.max(0, end - performance.now())));
  }
  await Promise.all(breaks);
  if (failure) throw failure;
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
  adBreak?: AdBreakDriver,
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
  const actions = await actRandomly(actors, run, random, log, adBreak);
  await Bun.sleep(COOLDOWN_MS);
  const to = performance.timeOrigin + performance.now();
  return { from, to, actions, loadAverage: [loadAtStart, loadavg()[0] ?? 0] };
}

export async function runSyncBench(setup: RunSetup): Promise<RunRecording> {
  const { run } = setup;
  const random = seededRandom(setup.seed);
  const proxies: LatencyProxy[] = [];
  const members: Member[] = [];
  let observer: RoomObserver | null = null;
  const filmPath = `/films/${run.film.id}${run.film.query}`;
  try {
    const logins = MEMBER_LOGINS.slice(0, run.browsers.length);
    const { id: roomId, ownerToken } = await createRoom(
      setup.cinemaUrl,
      setup.backendUrl,
      run.film.id,
      logins.slice(1),
    );
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
    await Promise.all(members.map(sitThroughPreRoll));
    // Joined last, so the members' own joins are as before; it stamps the room's broadcasts.
    observer = await observeRoom(setup.backendUrl, roomId, ownerToken).catch((error: unknown) => {
      setup.log(`[${run.label}] no observer, action→everyone is not split: ${String(error)}`);
      return null;
    });
    for (const member of members) await installProbe(member.page, SAMPLE_MS);
    const clockSkew = await Promise.all(members.map((m) => clockSkewMs(m.page)));
    const actors = members.map((m) => ({ page: m.page, name: m.login }));
    // What a member's pages recorded before each reload into an ad.
    const earlier = new Map<number, ProbeRecording[]>();
    const adBreaks: AdBreakRecord[] = [];
    const adBreak: AdBreakDriver = async (index) => {
      const member = members[index];
      if (!member) throw new Error(`no member ${index}`);
      const done = await reloadIntoAd(member, SAMPLE_MS, (part) =>
        earlier.set(index, [...(earlier.get(index) ?? []), part]),
      );
      adBreaks.push({ member: index, reloadAt: done.reloadAt });
      const how = done.startedByHand ? ' (the room was paused: started the ad by hand)' : '';
      setup.log(
        `  ${member.login} back on the film ${done.adMs.toFixed(0)} ms after the reload${how}`,
      );
      await Bun.sleep(REJOIN_GRACE_MS);
    };
    const measured = await measure(actors, run, random, setup.log, 'play', adBreak);
    const traces: MemberTrace[] = [];
    for (const member of members) {
      const [recorded] = await collectProbe(member.page);
      const parts = [...(earlier.get(member.index) ?? []), recorded];
      traces.push({
        member: member.index,
        name: member.login,
        browser: member.browser,
        samples: parts.flatMap((p) => p?.samples ?? []),
        events: parts.flatMap((p) => p?.events ?? []),
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
      adBreaks,
      broadcasts: observer?.broadcasts ?? [],
    };
  } finally {
    observer?.close();
    await Promise.all(members.map((m) => m.close().catch(() => {})));
    await Promise.all(proxies.map((p) => p.close()));
  }
}
