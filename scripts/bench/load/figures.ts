/** One target's figures, computed from what the workers measured. Pure. */
import type { TargetName } from './options.ts';
import type { PhaseCpu, TargetResult } from './run-target.ts';
import { type PhaseSummary, summarizePhase } from './summary.ts';
import { slowSeconds, worstSeconds } from './timeline.ts';

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
  /**
   * CPU-ms the server spent per 1,000 delivered messages under the realistic load, alone and
   * with Redis: the efficiency figure that holds even when other work competes for the CPU.
   */
  serverCpuMsPerK: number;
  serverAndRedisCpuMsPerK: number;
  /** The same with our database's Postgres backends too (NaN for the baselines). */
  withBackingCpuMsPerK: number;
  /** Saturation: the server alone, and with Redis and Postgres. */
  saturationServerCpuMsPerK: number;
  saturationWithBackingCpuMsPerK: number;
  /** The worst instance's bus events received ÷ needed (realistic phase); NaN without counters. */
  busReceivedPerNeeded: number;
}

/** Received ÷ needed of the worst instance (nothing received and nothing needed counts as 1). */
export function worstBusRatio(result: TargetResult): number {
  const instances = result.instances?.realistic;
  if (!instances || instances.length === 0) return Number.NaN;
  return Math.max(
    ...instances.map(({ counters }) => {
      const received = counters.received ?? 0;
      const needed = counters.needed ?? 0;
      if (needed > 0) return received / needed;
      return received === 0 ? 1 : Number.POSITIVE_INFINITY;
    }),
  );
}

/** Cores of the server, Redis and Postgres together; undefined without a Postgres reading. */
function withBacking(cpu: PhaseCpu | undefined): number | undefined {
  if (cpu?.postgresCores === undefined) return undefined;
  return cpu.serverCores + cpu.redisCores + cpu.postgresCores;
}

/** CPU-ms per 1,000 deliveries from cores busy and deliveries per second. */
export function cpuMsPerThousand(cores: number | undefined, deliveredPerSec: number): number {
  if (cores === undefined || !(deliveredPerSec > 0)) return Number.NaN;
  return (cores / deliveredPerSec) * 1_000_000;
}

export function figuresOf(result: TargetResult): Figures {
  const { memory, connect } = result;
  const realistic = summarizePhase(result.realistic);
  const saturated = result.saturation ? summarizePhase(result.saturation) : null;
  return {
    target: result.target,
    attempted: connect.attempted,
    connected: connect.connected,
    failedConnects: connect.failed,
    connectSec: connect.elapsedMs / 1000,
    realistic,
    saturation: saturated,
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
    serverCpuMsPerK: cpuMsPerThousand(result.cpu.realistic?.serverCores, realistic.deliveredPerSec),
    busReceivedPerNeeded: worstBusRatio(result),
    serverAndRedisCpuMsPerK: cpuMsPerThousand(
      result.cpu.realistic && result.cpu.realistic.serverCores + result.cpu.realistic.redisCores,
      realistic.deliveredPerSec,
    ),
    withBackingCpuMsPerK: cpuMsPerThousand(
      withBacking(result.cpu.realistic),
      realistic.deliveredPerSec,
    ),
    saturationServerCpuMsPerK: cpuMsPerThousand(
      result.cpu.saturation?.serverCores,
      saturated?.deliveredPerSec ?? Number.NaN,
    ),
    saturationWithBackingCpuMsPerK: cpuMsPerThousand(
      withBacking(result.cpu.saturation),
      saturated?.deliveredPerSec ?? Number.NaN,
    ),
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
