/** Writes the results: markdown table, JSON figures and the drift chart. */
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, release, totalmem } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_CORRECTION_CONFIG } from '@kino/shared/sync';
import { DRIFT_STEP_MS, type RunFigures } from './analyze.ts';
import { driftChartSvg } from './chart.ts';
import type { DriftPoint } from './drift.ts';
import type { SyncBenchOptions } from './options.ts';
import { goalsFor, markdownReport, type RateBounds } from './report.ts';
import { ONE_FRAME_MS } from './runs.ts';
import type { RunRecording } from './types.ts';

export interface AnalyzedRun {
  figures: RunFigures;
  points: DriftPoint[];
  recording: RunRecording;
}

function machine(): string {
  const cores = cpus();
  const gib = (totalmem() / 2 ** 30).toFixed(1);
  return `${cores.length} × ${cores[0]?.model.trim() ?? 'CPU'}, ${gib} GiB, Linux ${release()}, headless Chromium (/usr/bin/chromium) and Firefox ESR (/usr/bin/firefox-esr)`;
}

/** The nudge bounds the extension promises (shared/src/sync/correction.ts). */
export const RATE_BOUNDS: RateBounds = {
  steady: DEFAULT_CORRECTION_CONFIG.maxRateDelta,
  landing: DEFAULT_CORRECTION_CONFIG.landingRateDelta,
  landingSec: DEFAULT_CORRECTION_CONFIG.landingSec,
};

export async function writeResults(
  options: SyncBenchOptions,
  runs: readonly AnalyzedRun[],
): Promise<string> {
  const command = `bun run bench:sync ${Bun.argv.slice(2).join(' ')}`.trim();
  const markdown = markdownReport(
    runs.map((r) => r.figures),
    { command, machine: machine(), date: new Date().toISOString(), rateBounds: RATE_BOUNDS },
  );
  const svg = driftChartSvg(
    runs.map((r) => {
      const goals = goalsFor(r.figures.label);
      return {
        title: `${r.figures.title}: signed pairwise drift from 0.5 s after actions (ms)`,
        from: r.recording.from,
        to: r.recording.to,
        points: r.points,
        names: r.figures.members,
        actionTimes: r.recording.actions.map((a) => a.t),
        goalMs: goals.driftP95Ms ?? goals.crossBrowserP95Ms ?? ONE_FRAME_MS,
        rates:
          r.figures.label === 'floor'
            ? undefined
            : r.recording.traces.map((t) => ({
                name: t.name,
                samples: t.samples.filter((s) => !s.paused && !s.seeking),
              })),
        rateBound: RATE_BOUNDS.steady,
      };
    }),
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
