/** Writes the results: markdown table, JSON figures and the drift chart. */
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, release, totalmem } from 'node:os';
import { join } from 'node:path';
import { DRIFT_STEP_MS, type RunFigures } from './analyze.ts';
import { driftChartSvg } from './chart.ts';
import type { DriftPoint } from './drift.ts';
import type { SyncBenchOptions } from './options.ts';
import { goalsFor, markdownReport } from './report.ts';
import type { RunRecording } from './types.ts';

export interface AnalyzedRun {
  figures: RunFigures;
  points: DriftPoint[];
  recording: RunRecording;
}

function machine(): string {
  const cores = cpus();
  const gib = (totalmem() / 2 ** 30).toFixed(1);
  return `${cores.length} × ${cores[0]?.model.trim() ?? 'CPU'}, ${gib} GiB, Linux ${release()}, Chromium (headless, /usr/bin/chromium)`;
}

export async function writeResults(
  options: SyncBenchOptions,
  runs: readonly AnalyzedRun[],
): Promise<string> {
  const command = `bun run bench:sync ${Bun.argv.slice(2).join(' ')}`.trim();
  const markdown = markdownReport(
    runs.map((r) => r.figures),
    { command, machine: machine(), date: new Date().toISOString() },
  );
  const svg = driftChartSvg(
    runs.map((r) => ({
      title: `${r.figures.label === 'proxy' ? `through the latency proxy (${options.latencyMs} ± ${options.jitterMs} ms each way)` : 'loopback'}: signed pairwise drift in steady state (ms)`,
      from: r.recording.from,
      to: r.recording.to,
      points: r.points,
      names: r.figures.members,
      actionTimes: r.recording.actions.map((a) => a.t),
      goalMs: goalsFor(r.figures.label).driftP95Ms,
    })),
    DRIFT_STEP_MS,
  );
  await mkdir(options.outDir, { recursive: true });
  await writeFile(join(options.outDir, 'sync.md'), markdown);
  await writeFile(join(options.outDir, 'sync-drift.svg'), svg);
  await writeFile(
    join(options.outDir, 'sync.json'),
    `${JSON.stringify(
      {
        command,
        options,
        runs: runs.map((r) => ({ ...r.figures, actionsDone: r.recording.actions })),
      },
      null,
      2,
    )}\n`,
  );
  return markdown;
}
