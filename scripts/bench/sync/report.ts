/** The markdown table of a benchmark's runs, with the goals side by side. Pure. */
import type { RunFigures } from './analyze.ts';

export interface Goals {
  driftP95Ms: number;
  actionP95Ms: number | null;
}

/** Issue 6's goals: loopback drift and action time, and drift through the latency proxy. */
export function goalsFor(label: string): Goals {
  return label === 'proxy'
    ? { driftP95Ms: 80, actionP95Ms: null }
    : { driftP95Ms: 50, actionP95Ms: 150 };
}

const ms = (value: number) => (Number.isFinite(value) ? `${value.toFixed(1)} ms` : 'n/a');

function verdict(value: number, goal: number | null): string {
  if (goal === null) return '';
  if (!Number.isFinite(value)) return ` (goal ≤ ${goal} ms: no data)`;
  return value <= goal ? ` ✅ ≤ ${goal}` : ` ❌ > ${goal}`;
}

function runName(figures: RunFigures): string {
  return figures.latency
    ? `proxy ${figures.latency.meanMs} ± ${figures.latency.jitterMs} ms one-way`
    : 'loopback';
}

export function markdownReport(
  runs: readonly RunFigures[],
  context: { command: string; machine: string; date: string },
): string {
  const lines = [
    '# bench:sync — playback sync between real browsers',
    '',
    `\`${context.command}\` on ${context.machine}, ${context.date}.`,
    '',
    '| run | members | drift p50 | drift p95 | drift max | action→everyone p50 | action→everyone p95 | not shown | drift samples | position samples | actions |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const run of runs) {
    const goals = goalsFor(run.label);
    lines.push(
      `| ${runName(run)} | ${run.members.length} | ${ms(run.drift.p50)} | ${ms(run.drift.p95)}${verdict(run.drift.p95, goals.driftP95Ms)} | ${ms(run.drift.max)} | ${ms(run.actionToEveryone.p50)} | ${ms(run.actionToEveryone.p95)}${verdict(run.actionToEveryone.p95, goals.actionP95Ms)} | ${run.unshownActions} | ${run.drift.count} | ${run.positionSamples} | ${run.actions} |`,
    );
  }
  lines.push(
    '',
    'Goals (issue 6): steady-state drift p95 ≤ 50 ms and action→everyone p95 ≤ 150 ms on loopback; drift p95 ≤ 80 ms through the latency proxy.',
    '',
    '| run | play p50 / p95 | pause p50 / p95 | seek p50 / p95 | steady share | max page clock skew | load average (start → end) |',
    '| --- | --- | --- | --- | --- | --- | --- |',
  );
  for (const run of runs) {
    const t = run.actionToEveryoneByType;
    lines.push(
      `| ${runName(run)} | ${ms(t.play.p50)} / ${ms(t.play.p95)} (${t.play.count}) | ${ms(t.pause.p50)} / ${ms(t.pause.p95)} (${t.pause.count}) | ${ms(t.seek.p50)} / ${ms(t.seek.p95)} (${t.seek.count}) | ${(run.steadyShare * 100).toFixed(0)} % | ${run.maxClockSkewMs.toFixed(1)} ms | ${run.loadAverage[0].toFixed(1)} → ${run.loadAverage[1].toFixed(1)} |`,
    );
  }
  lines.push(
    '',
    'Drift (p50 / p95 / max, ms) by time since the last action: how much of it is convergence after an action.',
    '',
    `| run | ${runs[0]?.driftBySinceAction.map((b) => b.label).join(' | ') ?? ''} |`,
    `| --- | ${runs[0]?.driftBySinceAction.map(() => '---').join(' | ') ?? ''} |`,
  );
  for (const run of runs) {
    const cells = run.driftBySinceAction.map(
      (b) =>
        `${b.summary.p50.toFixed(1)} / ${b.summary.p95.toFixed(1)} / ${b.summary.max.toFixed(1)} (${b.summary.count})`,
    );
    lines.push(`| ${runName(run)} | ${cells.join(' | ')} |`);
  }
  lines.push(
    '',
    'Drift: |difference of film positions| of every pair of members at the same instant (one wall clock, positions interpolated between 50 ms samples), every 100 ms, only while both play steadily: not paused or seeking, no play/seek/stall on that player and no action by anyone in the last 1.5 s.',
    'Action→everyone: from the acting member’s play/pause/seek on their <video> until the last other member’s video fires the matching event (play, pause, or seeking to within 1.5 s of the target); "not shown" = someone missed it within 5 s.',
    '',
  );
  return lines.join('\n');
}
