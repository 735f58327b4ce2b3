/**
 * Runs the load against one started target: client workers join every room, the
 * servers' memory is read before and after, then the realistic and saturation phases run
 * and the workers' measurements are merged.
 */
import { join } from 'node:path';
import type { Subprocess } from 'bun';
import type { LoadOptions } from './options.ts';
import {
  cpuBetween,
  cpuByPid,
  loadAverage,
  pidsNamed,
  postgresBackendsOf,
  stopProcess,
  totalCpuSeconds,
  totalRssKb,
} from './procs.ts';
import { REALISTIC_RATES, roomSizes, SATURATION_GAP_MS, splitRooms } from './schedule.ts';
import { mergeConnects, mergeStats } from './summary.ts';
import type { StartedTarget } from './targets.ts';
import type {
  ConnectReport,
  FromWorker,
  Phase,
  PhaseStats,
  ToWorker,
  WorkerAssignment,
} from './types.ts';

const CONNECT_TIMEOUT_MS = 240_000;
/** Pause before reading memory, so allocations from joining have settled (shorter in --quick). */
const settleMs = (options: LoadOptions) => (options.quick ? 500 : 2_000);

export interface PhaseCpu {
  serverCores: number;
  clientCores: number;
  /** The Redis server (shared with anything else using it on this machine). */
  redisCores: number;
  /** The Postgres backends of our backend's own database (absent for the baselines). */
  postgresCores?: number;
}

/** One server instance during one phase: what its counters moved by (kino: bus counters, cpuMs). */
export interface InstancePhase {
  name: string;
  counters: Record<string, number>;
}

export interface TargetResult {
  target: StartedTarget['name'];
  connect: ConnectReport;
  memory: { beforeKb: number; afterConnectKb: number; afterRunKb: number };
  realistic: PhaseStats;
  saturation: PhaseStats | null;
  /** Cores busy during each phase (CPU-seconds ÷ wall seconds), servers and clients apart. */
  cpu: Record<Phase, PhaseCpu | undefined>;
  /** Per instance and phase, for servers that report counters (ours). */
  instances: Record<Phase, InstancePhase[] | undefined>;
  /** 1-minute load average at the end: above 2 means other work shared the two cores. */
  loadAverage: number;
  /** Lines the server processes wrote to stderr (their error logs). */
  serverErrorLines: number;
  serverErrorSample: string[];
}

class WorkerHandle {
  private waiting: ((message: FromWorker) => void) | null = null;
  private readonly proc: Subprocess;
  get pid(): number {
    return this.proc.pid;
  }

  constructor(index: number) {
    this.proc = Bun.spawn(['bun', join(import.meta.dir, 'client', 'worker.ts')], {
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, BENCH_WORKER: String(index) },
      ipc: (message: FromWorker) => {
        if (message.type === 'fatal') console.error(`client worker ${index}: ${message.message}`);
        this.waiting?.(message);
      },
    });
  }

  ask<T extends FromWorker['type']>(
    message: ToWorker,
    answer: T,
    timeoutMs: number,
  ): Promise<Extract<FromWorker, { type: T }>> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`worker: no ${answer} in time`)), timeoutMs);
      this.waiting = (reply) => {
        clearTimeout(timer);
        this.waiting = null;
        if (reply.type === answer) resolve(reply as Extract<FromWorker, { type: T }>);
        else reject(new Error(`worker answered ${reply.type} instead of ${answer}`));
      };
      this.proc.send(message);
    });
  }

  stop(): Promise<void> {
    return stopProcess(this.proc);
  }
}

export async function runTarget(
  target: StartedTarget,
  options: LoadOptions,
  log: (line: string) => void,
): Promise<TargetResult> {
  const pids = target.servers.map((s) => s.pid);
  const sizes = roomSizes(options.connections, options.roomSize);
  const rooms = sizes.map((size, index) => ({ index, id: target.roomIds[index]!, size }));
  const shares = splitRooms(rooms.length, options.workers);
  const workers = shares.map((_, i) => new WorkerHandle(i));
  try {
    await Bun.sleep(settleMs(options));
    const beforeKb = await totalRssKb(pids);
    const assignments: WorkerAssignment[] = shares.map((share, i) => ({
      wire: target.wire,
      urls: target.servers.map((s) => s.url),
      placement: target.placement,
      rooms: share.map((r) => rooms[r]!),
      seed: options.seed * 1000 + i,
      rates: REALISTIC_RATES,
      saturationGapMs: SATURATION_GAP_MS,
      connectConcurrency: 32,
    }));
    const connects = await Promise.all(
      workers.map((w, i) =>
        w.ask({ type: 'start', assignment: assignments[i]! }, 'connected', CONNECT_TIMEOUT_MS),
      ),
    );
    const connect = mergeConnects(connects.map((c) => c.report));
    log(
      `  connected ${connect.connected}/${connect.attempted} in ${(connect.elapsedMs / 1000).toFixed(1)} s` +
        (connect.failed ? ` (${connect.failed} failed: ${connect.samples[0]})` : ''),
    );
    await Bun.sleep(settleMs(options));
    const afterConnectKb = await totalRssKb(pids);

    const cpu: TargetResult['cpu'] = { realistic: undefined, saturation: undefined };
    const instances: TargetResult['instances'] = { realistic: undefined, saturation: undefined };
    // Only our backend answers SIGUSR2; it would end the baselines (the signal's default).
    const counters = () =>
      Promise.all(target.servers.map((s) => (target.wire === 'kino' ? s.counters() : null)));
    const clientPids = workers.map((w) => w.pid);
    const redisPids = await pidsNamed('redis-server');
    const phase = async (name: Phase, seconds: number) => {
      log(`  ${name} phase, ${seconds} s`);
      const database = target.database;
      const [server0, client0, redis0, counters0, postgres0] = await Promise.all([
        totalCpuSeconds(pids),
        totalCpuSeconds(clientPids),
        totalCpuSeconds(redisPids),
        counters(),
        database ? postgresBackendsOf(database).then(cpuByPid) : null,
      ]);
      const wall0 = performance.now();
      const replies = await Promise.all(
        workers.map((w) =>
          w.ask(
            { type: 'phase', phase: name, durationMs: seconds * 1000 },
            'phase-done',
            seconds * 1000 + 60_000,
          ),
        ),
      );
      const [server1, client1, redis1, counters1, postgres] = await Promise.all([
        totalCpuSeconds(pids),
        totalCpuSeconds(clientPids),
        totalCpuSeconds(redisPids),
        counters(),
        database && postgres0
          ? postgresBackendsOf(database).then((now) =>
              cpuBetween(postgres0, [...new Set([...postgres0.keys(), ...now])]),
            )
          : null,
      ]);
      instances[name] = countersMoved(
        target.servers.map((s) => s.name),
        counters0,
        counters1,
      );
      const wall = (performance.now() - wall0) / 1000;
      cpu[name] = {
        serverCores: (server1 - server0) / wall,
        clientCores: (client1 - client0) / wall,
        redisCores: (redis1 - redis0) / wall,
        ...(postgres === null ? {} : { postgresCores: postgres / wall }),
      };
      return mergeStats(
        name,
        replies.map((r) => r.stats),
      );
    };
    const realistic = await phase('realistic', options.durationSec);
    const saturation =
      options.saturationSec > 0 ? await phase('saturation', options.saturationSec) : null;
    const afterRunKb = await totalRssKb(pids);
    await Promise.all(
      workers.map((w) => w.ask({ type: 'close' }, 'closed', 30_000).catch(() => {})),
    );
    return {
      target: target.name,
      connect,
      memory: { beforeKb, afterConnectKb, afterRunKb },
      realistic,
      saturation,
      cpu,
      instances,
      loadAverage: await loadAverage(),
      serverErrorLines: target.servers.reduce((n, s) => n + s.stderrLines(), 0),
      serverErrorSample: target.servers.flatMap((s) => s.stderrTail()).slice(-5),
    };
  } finally {
    await Promise.all(workers.map((w) => w.stop()));
  }
}

/** Each instance's counters at the end of a phase minus at its start; undefined without any. */
export function countersMoved(
  names: string[],
  before: (Record<string, number> | null)[],
  after: (Record<string, number> | null)[],
): InstancePhase[] | undefined {
  if (after.every((c) => c === null)) return undefined;
  return names.map((name, i) => {
    const a = after[i] ?? {};
    const b = before[i] ?? {};
    const moved: Record<string, number> = {};
    for (const key of Object.keys(a)) moved[key] = (a[key] ?? 0) - (b[key] ?? 0);
    return { name, counters: moved };
  });
}
