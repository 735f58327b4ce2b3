/**
 * The goals for our backend, judged against the baselines measured in the same run.
 * Pure.
 */

import { type Figures, num, realisticErrors } from './figures.ts';
import type { LoadOptions, TargetName } from './options.ts';
import { saturationCap } from './schedule.ts';

/** A baseline within this share of the clients' cap ran at the cap (schedule.ts). */
const AT_CAP = 0.95;

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
    shareOfBare(ours, bareTp, saturationCap(options.connections, options.roomSize)),
    {
      goal: 'ahead of socket.io throughput',
      measured: known(ours, sioTp) ? `${num(ours)} vs ${num(sioTp)} msgs/s` : '—',
      met: known(ours, sioTp) ? ours > sioTp : null,
    },
  ];
  return [...checks, ...scaleGoals(f, figures)];
}

/**
 * ≥ 50 % of the bare relay's throughput. A bare relay at the clients' cap shows less than it
 * could carry: short of half of that is surely short of half its capacity, at or above it
 * proves nothing (on a fast machine the bare relay reaches the cap with cores to spare).
 */
function shareOfBare(ours: number, bareTp: number, cap: number): GoalCheck {
  const goal = '≥ 50% of bare-relay throughput';
  if (!Number.isFinite(ours) || !Number.isFinite(bareTp)) return { goal, measured: '—', met: null };
  const share = `${((100 * ours) / bareTp).toFixed(0)}%`;
  if (bareTp < AT_CAP * cap) return { goal, measured: share, met: ours >= 0.5 * bareTp };
  return {
    goal,
    measured: `${share} of a bare relay held at the clients' cap (${num(cap)} msgs/s)`,
    met: ours >= 0.5 * bareTp ? null : false,
  };
}

/** Issue 15's goals for several instances, against one instance in the same run. */
function scaleGoals(f: Figures, figures: Figures[]): GoalCheck[] {
  const instances = Number(/^kino-(\d)/.exec(f.target)?.[1] ?? 1);
  const one = figures.find((x) => x.target === 'kino-1');
  const checks: GoalCheck[] = [];
  if (Number.isFinite(f.busReceivedPerNeeded)) {
    checks.push({
      goal: 'each instance: bus events received ÷ needed = 1.0',
      measured: `worst ${f.busReceivedPerNeeded.toFixed(2)}`,
      met: f.busReceivedPerNeeded <= 1.0001,
    });
  }
  if (instances < 2) return checks;
  const cpu = one ? f.serverCpuMsPerK / one.serverCpuMsPerK : Number.NaN;
  checks.push({
    goal: 'CPU per delivery flat: ≤ 1.2× one instance (realistic)',
    measured: Number.isFinite(cpu) ? `${cpu.toFixed(2)}×` : '—',
    met: Number.isFinite(cpu) ? cpu <= 1.2 : null,
  });
  const sat = (x: Figures | undefined) => x?.saturation?.deliveredPerSec ?? Number.NaN;
  const tp = sat(f) / sat(one);
  checks.push({
    goal: 'saturation throughput ≥ one instance',
    measured: Number.isFinite(tp) ? `${tp.toFixed(2)}×` : '—',
    met: Number.isFinite(tp) ? tp >= 1 : null,
  });
  return checks;
}

export const verdict = (met: boolean | null) =>
  met === null ? 'not measured' : met ? 'met' : 'NOT met';
