/**
 * The benchmark's markdown: one table with a column per target, our figures as ratios to
 * both baselines, and the goals side by side with what was measured. Pure.
 */

import { type Figures, figuresOf, num, ratio } from './figures.ts';
import { checkGoals, verdict } from './goals.ts';
import type { LoadOptions, TargetName } from './options.ts';
import type { TargetResult } from './run-target.ts';
import { scaleSection } from './scale-report.ts';
import type { PhaseSummary } from './summary.ts';

export const LABELS: Record<TargetName, string> = {
  bare: 'bare Bun relay',
  socketio: 'socket.io relay (Node)',
  'kino-1': 'Kino Vmeste, 1 instance',
  'kino-2': 'Kino Vmeste, 2 instances',
  'kino-3': 'Kino Vmeste, 3 instances',
  'kino-2a': 'Kino Vmeste, 2 instances, room affinity',
  'kino-3a': 'Kino Vmeste, 3 instances, room affinity',
};

const isOurs = (target: TargetName) => target.startsWith('kino-');

export interface ReportContext {
  options: LoadOptions;
  command: string;
  machine: string;
  date: string;
  rates: string;
}

const cores = (cpu: Figures['cpu']['realistic']) =>
  cpu ? `${num(cpu.serverCores, 2)} / ${num(cpu.clientCores, 2)} / ${num(cpu.redisCores, 2)}` : '—';

export function table(header: string[], rows: string[][]): string {
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
      row('realistic: server CPU-ms per 1,000 deliveries', (f) => num(f.serverCpuMsPerK, 0)),
      row('… with Redis', (f) => num(f.serverAndRedisCpuMsPerK, 0)),
      row('… with Redis and Postgres (our database)', (f) => num(f.withBackingCpuMsPerK, 0)),
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
      row('saturation: server CPU-ms per 1,000 deliveries', (f) =>
        num(f.saturationServerCpuMsPerK, 0),
      ),
      row('… with Redis and Postgres (our database)', (f) =>
        num(f.saturationWithBackingCpuMsPerK, 0),
      ),
      row('Postgres cores (our database), realistic / saturation', (f) =>
        f.cpu.realistic?.postgresCores === undefined
          ? '—'
          : `${num(f.cpu.realistic.postgresCores, 2)} / ${num(f.cpu.saturation?.postgresCores ?? Number.NaN, 2)}`,
      ),
      row('server memory per connection (KiB)', (f) => num(f.memPerConnKb, 1)),
      row('server RSS with all connected (MiB)', (f) => num(f.rssMb, 0)),
      row('server error-log lines', (f) => num(f.serverErrorLines)),
      row('machine load average at the end', (f) => num(f.loadAverage, 1)),
    ],
  );
}

function ratiosTable(figures: Figures[]): string | null {
  const ours = figures.filter((f) => isOurs(f.target));
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
      ratio(f.serverAndRedisCpuMsPerK, bare?.serverCpuMsPerK ?? Number.NaN),
      ratio(f.serverAndRedisCpuMsPerK, sio?.serverCpuMsPerK ?? Number.NaN),
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
      'CPU/delivery ÷ bare',
      'CPU/delivery ÷ socket.io',
      'memory/conn ÷ bare',
      'memory/conn ÷ socket.io',
    ],
    rows,
  );
}

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
      'Our backend runs on Postgres and Redis (a fresh database and key prefix), its instances share both. ' +
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
  parts.push(...scaleSection(results, figures));
  for (const target of figures.map((f) => f.target).filter(isOurs)) {
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
