/** The markdown tables of a benchmark's runs, with the goals side by side. Pure. */
import { type RunFigures, STEP_DOWN_MS } from './analyze.ts';
import { type RunGoals, type RunLabel, runDefinition } from './runs.ts';
import type { Summary } from './stats.ts';

/** Issue 16's goals per run (runs.ts holds them; the options do not change them). */
export function goalsFor(label: string): RunGoals {
  return runDefinition(label as RunLabel, {
    members: 3,
    durationSec: 0,
    latencyMs: 0,
    jitterMs: 0,
    longSec: 0,
  }).goals;
}

const ms = (value: number) => (Number.isFinite(value) ? `${value.toFixed(1)} ms` : 'n/a');
const pct = (value: number) => `${(value * 100).toFixed(value < 0.1 ? 1 : 0)} %`;

function verdict(value: number, goal: number | null): string {
  if (goal === null) return '';
  const shown = Number.isInteger(goal) ? `${goal}` : goal.toFixed(1);
  if (!Number.isFinite(value)) return ` (goal ≤ ${shown} ms: no data)`;
  return value <= goal ? ` ✅ ≤ ${shown}` : ` ❌ > ${shown}`;
}

const hop = (s: Summary) => (s.count === 0 ? 'n/a' : `${ms(s.p50)} / ${ms(s.p95)}`);

const triple = (s: Summary) =>
  s.count === 0
    ? 'n/a'
    : `${s.p50.toFixed(1)} / ${s.p95.toFixed(1)} / ${s.max.toFixed(1)} (${s.count})`;

/** The floor a run is compared with: its browsers' worst floor jitter p95. */
function floorFor(run: RunFigures, floor: RunFigures | undefined): number {
  if (!floor) return Number.NaN;
  const chromium = floor.floorJitter.chromium?.p95 ?? Number.NaN;
  const firefox = floor.floorJitter.firefox?.p95 ?? Number.NaN;
  return run.crossBrowser.count > 0 ? Math.max(chromium, firefox) : chromium;
}

/** The correction's promised nudge bounds (relative), steady and while landing. */
export interface RateBounds {
  steady: number;
  landing: number;
  landingSec: number;
}

/** A largest |rate − 1| against its bound, e.g. "2.40 % ✅ ≤ 3". */
function nudge(deviation: number, bound: number): string {
  const percent = `${+(bound * 100).toFixed(2)}`;
  return `${(deviation * 100).toFixed(2)} %${deviation <= bound + 1e-9 ? ` ✅ ≤ ${percent}` : ` ❌ > ${percent}`}`;
}

/** The ad-break table, for the runs that had ad breaks. */
function adBreakLines(rooms: readonly RunFigures[]): string[] {
  const withAds = rooms.filter((r) => r.adBreak.breaks > 0);
  if (withAds.length === 0) return [];
  const lines = [
    '',
    'Ad breaks: a member reloads its film page into the pre-roll ad while the room goes on. While it is in the ad (reload → film in the player) it is at no film position: its samples of that stretch are left out of drift, and actions taken then do not wait for it. Rejoin: from the film’s start in its player until it stays within 50 ms of the room (the other members’ median) for 0.5 s.',
    '',
    '| run | ad breaks (showed the ad) | reload → film p50 / max | rejoin p50 / p95 / max (count) | not rejoined | position jumps no seek explains |',
    '| --- | --- | --- | --- | --- | --- |',
  ];
  for (const run of withAds) {
    const a = run.adBreak;
    lines.push(
      `| ${run.title} | ${a.breaks} (${a.sawAd}) | ${ms(a.awayMs.p50)} / ${ms(a.awayMs.max)} | ${triple(a.rejoinMs)} | ${a.notRejoined} | ${a.jumps.length}${a.jumps.length === 0 ? ' ✅' : ' ❌'} |`,
    );
  }
  for (const run of rooms) {
    for (const j of run.adBreak.jumps) {
      lines.push(
        `- ${run.title}: ${run.members[j.member] ?? j.member} jumped ${j.from.toFixed(2)} s → ${j.to.toFixed(2)} s`,
      );
    }
  }
  return lines;
}

export function markdownReport(
  runs: readonly RunFigures[],
  context: { command: string; machine: string; date: string; rateBounds: RateBounds },
): string {
  const bounds = context.rateBounds;
  const floor = runs.find((r) => r.label === 'floor');
  const rooms = runs.filter((r) => r.label !== 'floor');
  const lines = [
    '# bench:sync — playback sync between real browsers',
    '',
    `\`${context.command}\` on ${context.machine}, ${context.date}.`,
    '',
    '| run | members | drift p50 | drift p95 (from 0.5 s) | drift p95 (from 1.5 s, old) | drift max | Chromium↔Firefox p95 | ours ÷ floor | action→everyone p50 / p95 | largest nudge steady | largest nudge landing | time nudged | load (start → end) |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const run of rooms) {
    const goals = goalsFor(run.label);
    const ratio = run.drift.p95 / floorFor(run, floor);
    const cross = run.crossBrowser.count > 0 ? run.crossBrowser.p95 : Number.NaN;
    lines.push(
      `| ${run.title} | ${run.members.length} | ${ms(run.drift.p50)} | ${ms(run.drift.p95)}${verdict(run.drift.p95, goals.driftP95Ms)} | ${ms(run.driftFrom1500.p95)} | ${ms(run.drift.max)} | ${run.crossBrowser.count > 0 ? `${ms(cross)}${verdict(cross, goals.crossBrowserP95Ms)}` : '—'} | ${Number.isFinite(ratio) ? `${ratio.toFixed(1)} ×` : 'n/a'} | ${ms(run.actionToEveryone.p50)} / ${ms(run.actionToEveryone.p95)}${verdict(run.actionToEveryone.p95, goals.actionP95Ms)} | ${nudge(run.rate.steadyMax, bounds.steady)} | ${nudge(run.rate.landingMax, bounds.landing)} | ${pct(run.rate.nudgedShare)} | ${run.loadAverage[0].toFixed(1)} → ${run.loadAverage[1].toFixed(1)} |`,
    );
  }
  lines.push(
    '',
    `Goals (issue 16): drift p95 ≤ 16.7 ms (one frame at 60 fps) counted from 0.5 s after every action, on loopback and through the proxies; Chromium↔Firefox p95 ≤ 40 ms; action→everyone p95 ≤ 100 ms on loopback; every playbackRate nudge within ±${+(bounds.steady * 100).toFixed(2)} % in steady state; within ±${+(bounds.landing * 100).toFixed(2)} % only while landing: up to ${bounds.landingSec} s after a play, seek or stall (+ ${STEP_DOWN_MS} ms for the next correction tick and sample to show the step down).`,
    '',
    'Convergence: strict |drift| p50 / p95 / max (ms, count) by time since the last action.',
    '',
    `| run | ${rooms[0]?.convergence.map((b) => b.label).join(' | ') ?? ''} |`,
    `| --- | ${rooms[0]?.convergence.map(() => '---').join(' | ') ?? ''} |`,
  );
  for (const run of rooms) {
    lines.push(`| ${run.title} | ${run.convergence.map((b) => triple(b.summary)).join(' | ')} |`);
  }
  if (floor) {
    lines.push(
      '',
      'Floor: two players of the film in one page, no sync, acted on together (same scenario).',
      '',
      '| browser | jitter around each steady stretch p50 / p95 / max | raw difference p50 / p95 / max (no sync) |',
      '| --- | --- | --- |',
    );
    for (const [browser, jitter] of Object.entries(floor.floorJitter)) {
      const raw = floor.floorRaw[browser];
      lines.push(`| ${browser} | ${triple(jitter)} | ${raw ? triple(raw) : 'n/a'} |`);
    }
  }
  lines.push(
    '',
    '| run | play p50 / p95 | pause p50 / p95 | seek p50 / p95 | action → server p50 / p95 | server → everyone p50 / p95 | not shown | seeks into unbuffered ranges | position jumps no seek explains | steady share | max page clock skew |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  );
  for (const run of rooms) {
    const t = run.actionToEveryoneByType;
    lines.push(
      `| ${run.title} | ${ms(t.play.p50)} / ${ms(t.play.p95)} (${t.play.count}) | ${ms(t.pause.p50)} / ${ms(t.pause.p95)} (${t.pause.count}) | ${ms(t.seek.p50)} / ${ms(t.seek.p95)} (${t.seek.count}) | ${hop(run.hops.actionToServer)} | ${hop(run.hops.serverToEveryone)} | ${run.unshownActions} of ${run.actions} | ${run.seeks.unbuffered} of ${run.seeks.count} | ${run.adBreak.jumps.length} | ${(run.steadyShare * 100).toFixed(0)} % | ${run.maxClockSkewMs.toFixed(1)} ms |`,
    );
  }
  lines.push(...adBreakLines(rooms));
  lines.push(
    '',
    'Drift: |difference of film positions| of every pair of members at the same instant (one wall clock, positions interpolated between 50 ms samples of `currentTime`), every 100 ms, only while both play steadily: not paused or seeking, no play/seek/stall on that player and no action by anyone in the last 0.5 s (the old metric: 1.5 s).',
    'Ours ÷ floor: drift p95 over the floor jitter p95 of the run’s browsers (the worst of them in the mixed run).',
    'Action→everyone: from the acting member’s play/pause/seek on their <video> until the last other member’s video fires the matching event (play, pause, or seeking to within 1.5 s of the target); "not shown" = someone missed it within 5 s. Split at the server: a passive observer on loopback stamps the broadcast each action caused (action → server: the actor’s event, extension, upload and the server; server → everyone: the download and the members’ extensions and videos).',
    'Position jumps: a member’s position moving ≥ 1 s off its course between two samples with no member’s seek to there in the 5 s before (a member yanked, e.g. onto an ad’s timeline); an ad member’s own way back to the room’s moment does not count.',
    '',
  );
  return lines.join('\n');
}
