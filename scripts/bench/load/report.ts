/**
 * The benchmark's markdown: one table with a column per target, our figures as ratios to
 * both baselines, and the goals side by side with what was measured. Pure.
 */
import type { LoadOptions, TargetName } from './options.ts';
import type { TargetResult } from './run-target.ts';
import { type PhaseSummary, summarizePhase } from './summary.ts';
import { slowSeconds, worstSeconds } from './timeline.ts';

export const LABELS: Record<TargetName, string> = {
  bare: 'bare Bun relay',
  socketio: 'socket.io relay (Node)',
  'kino-1': 'Kino Vmeste ×1',
  'kino-2': 'Kino Vmeste ×2 (Redis)',
};

export interface ReportContext {
  options: LoadOptions;
  command: string;
  machine: string;
  date: string;
  rates: string;
}

export interface Figures {
  target: TargetName;
  attempted: number;
  connected: number;
  failedConnects: number;
  connectSec: number;
  realistic: PhaseSummary;
  saturation: PhaseSummary | null;
  memPerConnKb: number;
  rssMb: number;
  serverErrorLines: number;
  cpu: TargetResult['cpu'];
  /** Realistic phase: seconds in which ≥ 1% of deliveries took over 50 ms. */
  slowSeconds: number;
  worstSeconds: string[];
  loadAverage: number;
}

export function figuresOf(result: TargetResult): Figures {
  const { memory, connect } = result;
  return {
    target: result.target,
    attempted: connect.attempted,
    connected: connect.connected,
    failedConnects: connect.failed,
    connectSec: connect.elapsedMs / 1000,
    realistic: summarizePhase(result.realistic),
    saturation: result.saturation ? summarizePhase(result.saturation) : null,
    memPerConnKb:
      connect.connected > 0
        ? (memory.afterConnectKb - memory.beforeKb) / connect.connected
        : Number.NaN,
    rssMb: memory.afterConnectKb / 1024,
    serverErrorLines: result.serverErrorLines,
    cpu: result.cpu,
    slowSeconds: slowSeconds(result.realistic.timeline),
    worstSeconds: worstSeconds(result.realistic.timeline, 3),
    loadAverage: result.loadAverage,
  };
}

/**
 * Errors under the realistic load (the goal's condition): failed joins, error frames,
 * unexpected closes, lost messages. The saturation phase overloads on purpose; its
 * errors are shown in the table but judged by no goal.
 */
export const realisticErrors = (f: Figures) => f.failedConnects + f.realistic.errors;

export function num(value: number, digits = 0): string {
  if (!Number.isFinite(value)) return '—';
  return value.toLocaleString('en-US', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
}

export function ratio(ours: number, theirs: number): string {
  if (!Number.isFinite(ours) || !Number.isFinite(theirs) || theirs === 0) return '—';
  return `${(ours / theirs).toFixed(2)}×`;
}

const cores = (cpu: Figures['cpu']['realistic']) =>
  cpu ? `${num(cpu.serverCores, 2)} / ${num(cpu.clientCores, 2)} / ${num(cpu.redisCores, 2)}` : '—';

function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

function metricsTable(figures: Figures[]): string {
  const row = (name: string, pick: (f: Figures) => string) => [name, ...figures.map(pick)];
  const sat = (pick: (s: PhaseSummary) => string) => (f: Figures) =>
    f.saturation ? pick(f.saturation) : '—';
  return table(
    ['', ...figures.map((f) => LABELS[f.target])],
    [
      row('connections held / attempted', (f) => `${num(f.realistic.held)} / ${num(f.attempted)}`),
      row('failed connects', (f) => num(f.failedConnects)),
      row('time to connect all (s)', (f) => num(f.connectSec, 1)),
      row('realistic: delivered msgs/s', (f) => num(f.realistic.deliveredPerSec)),
      row('realistic: fan-out p50 (ms)', (f) => num(f.realistic.p50Ms, 2)),
      row('realistic: fan-out p99 (ms)', (f) => num(f.realistic.p99Ms, 2)),
      row('realistic: fan-out max (ms)', (f) => num(f.realistic.maxMs, 1)),
      row('realistic: seconds with ≥ 1% over 50 ms', (f) => num(f.slowSeconds)),
      row('realistic: errors', (f) => num(f.realistic.errors)),
      row('realistic: CPU cores, server / clients / Redis', (f) => cores(f.cpu.realistic)),
      row(
        'saturation: delivered msgs/s',
        sat((s) => num(s.deliveredPerSec)),
      ),
      row(
        'saturation: fan-out p50 (ms)',
        sat((s) => num(s.p50Ms, 2)),
      ),
      row(
        'saturation: fan-out p99 (ms)',
        sat((s) => num(s.p99Ms, 2)),
      ),
      row(
        'saturation: errors',
        sat((s) => num(s.errors)),
      ),
      row('server memory per connection (KiB)', (f) => num(f.memPerConnKb, 1)),
      row('server RSS with all connected (MiB)', (f) => num(f.rssMb, 0)),
      row('server error-log lines', (f) => num(f.serverErrorLines)),
      row('machine load average at the end', (f) => num(f.loadAverage, 1)),
    ],
  );
}

function ratiosTable(figures: Figures[]): string | null {
  const ours = figures.filter((f) => f.target === 'kino-1' || f.target === 'kino-2');
  const bare = figures.find((f) => f.target === 'bare');
  const sio = figures.find((f) => f.target === 'socketio');
  if (ours.length === 0 || (!bare && !sio)) return null;
  const throughput = (f: Figures | undefined) => f?.saturation?.deliveredPerSec ?? Number.NaN;
  const rows: string[][] = [];
  for (const f of ours) {
    rows.push([
      LABELS[f.target],
      ratio(throughput(f), throughput(bare)),
      ratio(throughput(f), throughput(sio)),
      ratio(f.realistic.p99Ms, bare?.realistic.p99Ms ?? Number.NaN),
      ratio(f.realistic.p99Ms, sio?.realistic.p99Ms ?? Number.NaN),
      ratio(f.memPerConnKb, bare?.memPerConnKb ?? Number.NaN),
      ratio(f.memPerConnKb, sio?.memPerConnKb ?? Number.NaN),
    ]);
  }
  return table(
    [
      'ours ÷ baseline',
      'throughput ÷ bare',
      'throughput ÷ socket.io',
      'p99 ÷ bare',
      'p99 ÷ socket.io',
      'memory/conn ÷ bare',
      'memory/conn ÷ socket.io',
    ],
    rows,
  );
}

export interface GoalCheck {
  goal: string;
  measured: string;
  /** null: not measured in this run (e.g. fewer connections, a target left out). */
  met: boolean | null;
}

export function checkGoals(figures: Figures[], options: LoadOptions, target: TargetName) {
  const f = figures.find((x) => x.target === target);
  if (!f) return [];
  const bare = figures.find((x) => x.target === 'bare');
  const sio = figures.find((x) => x.target === 'socketio');
  const ours = f.saturation?.deliveredPerSec ?? Number.NaN;
  const bareTp = bare?.saturation?.deliveredPerSec ?? Number.NaN;
  const sioTp = sio?.saturation?.deliveredPerSec ?? Number.NaN;
  const known = (...values: number[]) => values.every(Number.isFinite);
  const checks: GoalCheck[] = [
    {
      goal: '5,000 connections held',
      measured: `${num(f.realistic.held)} of ${num(f.attempted)}`,
      met: options.connections >= 5_000 ? f.realistic.held >= 5_000 : null,
    },
    {
      goal: 'fan-out p99 ≤ 50 ms',
      measured: `${num(f.realistic.p99Ms, 2)} ms`,
      met: known(f.realistic.p99Ms) ? f.realistic.p99Ms <= 50 : null,
    },
    {
      goal: 'zero errors (realistic load)',
      measured: num(realisticErrors(f)),
      met: realisticErrors(f) === 0,
    },
    {
      goal: '≥ 50% of bare-relay throughput',
      measured: known(ours, bareTp) ? `${((100 * ours) / bareTp).toFixed(0)}%` : '—',
      met: known(ours, bareTp) ? ours >= 0.5 * bareTp : null,
    },
    {
      goal: 'ahead of socket.io throughput',
      measured: known(ours, sioTp) ? `${num(ours)} vs ${num(sioTp)} msgs/s` : '—',
      met: known(ours, sioTp) ? ours > sioTp : null,
    },
  ];
  return checks;
}

const verdict = (met: boolean | null) => (met === null ? 'not measured' : met ? 'met' : 'NOT met');

export function renderReport(results: TargetResult[], ctx: ReportContext): string {
  const figures = results.map(figuresOf);
  const parts = [
    '# bench:load',
    '',
    `${ctx.date} · \`${ctx.command}\` · ${ctx.machine}`,
    '',
    `${num(ctx.options.connections)} connections in rooms of ${ctx.options.roomSize}; realistic phase ` +
      `${ctx.options.durationSec} s (${ctx.rates}); saturation phase ${ctx.options.saturationSec} s ` +
      '(closed loop: one chat line in flight per room, members take turns, ≤ 4 lines/s per connection). ' +
      'Fan-out latency = send → each other member receives it, one clock. Clients and servers share the machine; ' +
      'a load average above 2 means other work competed for the two cores.',
    '',
    metricsTable(figures),
  ];
  const ratios = ratiosTable(figures);
  if (ratios) parts.push('', '## Ratios to the baselines', '', ratios);
  const stalls = figures.filter((f) => f.worstSeconds.length > 0);
  if (stalls.length > 0) {
    parts.push('', '## Slowest seconds of the realistic phase', '');
    for (const f of stalls) parts.push(`- ${LABELS[f.target]}: ${f.worstSeconds.join('; ')}`);
  }
  for (const target of ['kino-1', 'kino-2'] as const) {
    const checks = checkGoals(figures, ctx.options, target);
    if (checks.length === 0) continue;
    parts.push(
      '',
      `## Goals — ${LABELS[target]}`,
      '',
      table(
        ['goal', 'measured', 'verdict'],
        checks.map((c) => [c.goal, c.measured, verdict(c.met)]),
      ),
    );
  }
  return `${parts.join('\n')}\n`;
}
