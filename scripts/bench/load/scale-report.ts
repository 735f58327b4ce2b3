/**
 * The scale-out part of the report (issue 15): per instance, what the bus cost it and what it
 * was for, and across targets, whether adding instances adds capacity. Pure: results in,
 * markdown out.
 *
 * - received ÷ needed: bus events an instance received ÷ those for rooms it serves, made
 *   elsewhere (goal 1.0: it hears only its own rooms);
 * - CPU-ms per 1,000 frames: the instance's CPU ÷ frames it handed to its sockets (goal: flat
 *   as instances are added);
 * - published share: of the events its members caused, how many had to cross Redis at all
 *   (zero when every room sits on one instance).
 */
import { cpuMsPerThousand, type Figures, num, ratio } from './figures.ts';
import type { InstancePhase, TargetResult } from './run-target.ts';

const get = (c: Record<string, number>, key: string) => c[key] ?? 0;

export interface InstanceFigures {
  target: string;
  instance: string;
  cpuMs: number;
  framesOut: number;
  cpuMsPerKFrames: number;
  broadcasts: number;
  publishedTo: number;
  received: number;
  needed: number;
  stray: number;
  receivedPerNeeded: number;
}

export function instanceFigures(target: string, phase: InstancePhase): InstanceFigures {
  const c = phase.counters;
  const framesOut = get(c, 'framesOut');
  const received = get(c, 'received');
  const needed = get(c, 'needed');
  return {
    target,
    instance: phase.name,
    cpuMs: get(c, 'cpuMs'),
    framesOut,
    cpuMsPerKFrames: framesOut > 0 ? (get(c, 'cpuMs') / framesOut) * 1000 : Number.NaN,
    broadcasts: get(c, 'broadcasts'),
    publishedTo: get(c, 'publishedTo'),
    received,
    needed,
    stray: get(c, 'stray'),
    // Nothing received and nothing needed is the ideal too (all rooms local).
    receivedPerNeeded:
      needed > 0 ? received / needed : received === 0 ? 1 : Number.POSITIVE_INFINITY,
  };
}

export function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

function instancesTable(results: TargetResult[]): string | null {
  const rows: string[][] = [];
  for (const result of results) {
    const saturation = result.instances?.saturation ?? [];
    for (const [i, phase] of (result.instances?.realistic ?? []).entries()) {
      const f = instanceFigures(result.target, phase);
      const sat = saturation[i] ? instanceFigures(result.target, saturation[i]) : null;
      rows.push([
        `${f.target} / ${f.instance}`,
        num(f.cpuMs),
        num(f.framesOut),
        `${num(f.cpuMsPerKFrames, 0)} / ${sat ? num(sat.cpuMsPerKFrames, 0) : '—'}`,
        num(f.broadcasts),
        num(f.publishedTo),
        num(f.received),
        num(f.needed),
        Number.isFinite(f.receivedPerNeeded) ? f.receivedPerNeeded.toFixed(2) : '∞',
        num(f.stray),
      ]);
    }
  }
  if (rows.length === 0) return null;
  return table(
    [
      'target / instance',
      'CPU-ms',
      'frames to sockets',
      'CPU-ms per 1,000 frames (realistic / saturation)',
      'events made here',
      'sent to other instances',
      'bus events received',
      'of them needed',
      'received ÷ needed',
      'stray',
    ],
    rows,
  );
}

/** kino-N against kino-1 in the same run: CPU per delivery and saturation throughput. */
function capacityTable(figures: Figures[]): string | null {
  const ours = figures.filter((f) => f.target.startsWith('kino-'));
  const one = ours.find((f) => f.target === 'kino-1');
  if (ours.length < 2 || !one) return null;
  const throughput = (f: Figures) => f.saturation?.deliveredPerSec ?? Number.NaN;
  // At saturation the per-instance fixed costs (heartbeats, timers, GC) are spread over many
  // deliveries: the cost of a message itself.
  const satCpu = (f: Figures) => cpuMsPerThousand(f.cpu.saturation?.serverCores, throughput(f));
  return table(
    [
      'target',
      'server CPU-ms per 1,000 deliveries, realistic',
      '÷ 1 instance',
      '… with Redis',
      '÷ 1 instance',
      'server CPU-ms per 1,000 deliveries, saturation',
      '÷ 1 instance',
      'saturation msgs/s',
      '÷ 1 instance',
    ],
    ours.map((f) => [
      f.target,
      num(f.serverCpuMsPerK, 0),
      ratio(f.serverCpuMsPerK, one.serverCpuMsPerK),
      num(f.serverAndRedisCpuMsPerK, 0),
      ratio(f.serverAndRedisCpuMsPerK, one.serverAndRedisCpuMsPerK),
      num(satCpu(f), 0),
      ratio(satCpu(f), satCpu(one)),
      num(throughput(f)),
      ratio(throughput(f), throughput(one)),
    ]),
  );
}

export function scaleSection(results: TargetResult[], figures: Figures[]): string[] {
  const capacity = capacityTable(figures);
  const instances = instancesTable(results);
  if (!capacity && !instances) return [];
  const parts = ['', '## Scale-out (realistic phase per instance; kino-Na: rooms on one instance)'];
  if (capacity) parts.push('', capacity);
  if (instances) parts.push('', instances);
  return parts;
}
