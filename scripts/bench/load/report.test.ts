import { describe, expect, test } from 'bun:test';
import { cpuMsPerThousand, figuresOf, num, ratio } from './figures.ts';
import { checkGoals } from './goals.ts';
import { emptyHistogram, record } from './histogram.ts';
import { DEFAULTS, type TargetName } from './options.ts';
import { renderReport } from './report.ts';
import type { TargetResult } from './run-target.ts';
import type { PhaseStats } from './types.ts';

function phase(phaseName: PhaseStats['phase'], delivered: number, latencyMs: number): PhaseStats {
  const latency = emptyHistogram();
  for (let i = 0; i < 100; i++) record(latency, latencyMs);
  return {
    phase: phaseName,
    durationMs: 10_000,
    sentChat: delivered / 4,
    sentCommands: 0,
    delivered,
    echoes: 0,
    latency,
    undelivered: 0,
    unmatched: 0,
    errors: {},
    unexpectedCloses: 0,
    held: 5_000,
    timeline: [],
  };
}

function result(target: TargetName, satDelivered: number, p99: number): TargetResult {
  return {
    target,
    connect: { attempted: 5_000, connected: 5_000, failed: 0, samples: [], elapsedMs: 4_000 },
    memory: { beforeKb: 10_000, afterConnectKb: 60_000, afterRunKb: 70_000 },
    realistic: phase('realistic', 20_000, p99),
    saturation: phase('saturation', satDelivered, p99 * 2),
    cpu: {
      realistic: { serverCores: 0.2, clientCores: 0.3, redisCores: 0.1 },
      saturation: { serverCores: 0.9, clientCores: 1, redisCores: 0.4 },
    },
    instances: { realistic: undefined, saturation: undefined },
    loadAverage: 1.5,
    serverErrorLines: 0,
    serverErrorSample: [],
  };
}

const results = [
  result('bare', 600_000, 2),
  result('socketio', 200_000, 8),
  result('kino-1', 400_000, 12),
];

describe('load report', () => {
  test('numbers and ratios are formatted, unknowns shown as a dash', () => {
    expect(num(12_345.678, 1)).toBe('12,345.7');
    expect(num(Number.NaN)).toBe('—');
    expect(ratio(1, 4)).toBe('0.25×');
    expect(ratio(1, 0)).toBe('—');
  });

  test('figures: per-second rates and memory per connection', () => {
    const f = figuresOf(results[2]!);
    expect(f.realistic.deliveredPerSec).toBe(2_000);
    expect(f.saturation?.deliveredPerSec).toBe(40_000);
    expect(f.memPerConnKb).toBe(10);
    // 0.2 cores for 2,000 deliveries/s = 0.1 CPU-ms each; Redis adds 0.1 cores.
    expect(f.serverCpuMsPerK).toBeCloseTo(100, 9);
    expect(f.serverAndRedisCpuMsPerK).toBeCloseTo(150, 9);
    expect(cpuMsPerThousand(undefined, 2_000)).toBeNaN();
    expect(cpuMsPerThousand(0.5, 0)).toBeNaN();
  });

  test('figures: CPU with Redis and our database, for the targets that have one', () => {
    // The baselines have no database: no Postgres reading, no combined figure.
    expect(figuresOf(results[2]!).withBackingCpuMsPerK).toBeNaN();
    const kino = result('kino-1', 400_000, 12);
    kino.cpu.realistic = {
      serverCores: 0.2,
      clientCores: 0.3,
      redisCores: 0.1,
      postgresCores: 0.1,
    };
    kino.cpu.saturation = { serverCores: 0.9, clientCores: 1, redisCores: 0.4, postgresCores: 0.3 };
    const f = figuresOf(kino);
    // 0.4 cores for 2,000 deliveries/s; at saturation 0.9 and 1.6 cores for 40,000/s.
    expect(f.withBackingCpuMsPerK).toBeCloseTo(200, 9);
    expect(f.saturationServerCpuMsPerK).toBeCloseTo(22.5, 9);
    expect(f.saturationWithBackingCpuMsPerK).toBeCloseTo(40, 9);
    const context = {
      options: DEFAULTS,
      command: 'bun run bench:load',
      machine: 'test machine',
      date: '2026-01-01T00:00:00Z',
      rates: 'test rates',
    };
    expect(renderReport([kino], context)).toContain(
      '| Postgres cores (our database), realistic / saturation | 0.10 / 0.30 |',
    );
  });

  test('goals are judged against the baselines measured in the same run', () => {
    const checks = checkGoals(results.map(figuresOf), DEFAULTS, 'kino-1');
    const verdicts = Object.fromEntries(checks.map((c) => [c.goal, c.met]));
    expect(verdicts).toEqual({
      '5,000 connections held': true,
      'fan-out p99 ≤ 50 ms': true,
      'zero errors (realistic load)': true,
      '≥ 50% of bare-relay throughput': true,
      'ahead of socket.io throughput': true,
    });
    const slow = [...results.slice(0, 2), result('kino-1', 250_000, 80)];
    const failed = checkGoals(slow.map(figuresOf), DEFAULTS, 'kino-1').filter((c) => !c.met);
    expect(failed.map((c) => c.goal)).toEqual([
      'fan-out p99 ≤ 50 ms',
      '≥ 50% of bare-relay throughput',
    ]);
  });

  test("a bare relay at the clients' cap is no measure of half its capacity", () => {
    // 5,000 connections × 4 lines/s × 4 others: the bare relay ran at the cap, not at its own.
    const shareWith = (bare: number, ours: number) =>
      checkGoals(
        [result('bare', bare, 2), results[1]!, result('kino-1', ours, 12)].map(figuresOf),
        DEFAULTS,
        'kino-1',
      ).find((c) => c.goal === '≥ 50% of bare-relay throughput')!;
    expect(shareWith(790_000, 430_000)).toEqual({
      goal: '≥ 50% of bare-relay throughput',
      measured: "54% of a bare relay held at the clients' cap (80,000 msgs/s)",
      met: null,
    });
    expect(shareWith(790_000, 380_000).met).toBe(false);
    // Below the cap the share is a verdict either way.
    expect(shareWith(700_000, 360_000).met).toBe(true);
    expect(shareWith(700_000, 340_000).met).toBe(false);
  });

  test('overload errors in saturation do not fail the zero-errors goal; realistic ones do', () => {
    const overloaded = result('kino-1', 400_000, 12);
    overloaded.saturation!.undelivered = 7;
    const zero = (r: TargetResult) =>
      checkGoals([results[0]!, results[1]!, r].map(figuresOf), DEFAULTS, 'kino-1')[2]!;
    expect(zero(overloaded).met).toBe(true);
    const lossy = result('kino-1', 400_000, 12);
    lossy.realistic.errors = { 'error:internal': 1 };
    expect(zero(lossy)).toEqual({
      goal: 'zero errors (realistic load)',
      measured: '1',
      met: false,
    });
  });

  test('several instances: the bus, CPU per delivery and throughput against one instance', () => {
    const two = result('kino-2', 440_000, 12);
    two.cpu.realistic = { serverCores: 0.22, clientCores: 0.3, redisCores: 0.1 };
    two.instances.realistic = [
      { name: 'kino-1', counters: { received: 10, needed: 10 } },
      { name: 'kino-2', counters: { received: 30, needed: 20 } },
    ];
    const verdicts = (r: TargetResult) =>
      Object.fromEntries(
        checkGoals([...results, r].map(figuresOf), DEFAULTS, 'kino-2')
          .slice(5)
          .map((c) => [c.goal, `${c.measured} ${c.met}`]),
      );
    expect(verdicts(two)).toEqual({
      'each instance: bus events received ÷ needed = 1.0': 'worst 1.50 false',
      'CPU per delivery flat: ≤ 1.2× one instance (realistic)': '1.10× true',
      'saturation throughput ≥ one instance': '1.10× true',
    });
    two.instances.realistic = [{ name: 'kino-1', counters: {} }];
    expect(verdicts(two)['each instance: bus events received ÷ needed = 1.0']).toBe(
      'worst 1.00 true',
    );
  });

  test('a smaller run does not claim the 5,000-connection goal', () => {
    const quick = { ...DEFAULTS, connections: 250 };
    const held = checkGoals(results.map(figuresOf), quick, 'kino-1')[0]!;
    expect(held.met).toBeNull();
  });

  test('the markdown has the table, the ratios and the goals', () => {
    const md = renderReport(results, {
      options: DEFAULTS,
      command: 'bun run bench:load',
      machine: 'test machine',
      date: '2026-01-01T00:00:00Z',
      rates: 'test rates',
    });
    expect(md).toContain('| connections held / attempted | 5,000 / 5,000 |');
    expect(md).toContain(
      '| Kino Vmeste, 1 instance | 0.67× | 2.00× | 6.00× | 1.50× | 1.50× | 1.50× |',
    );
    expect(md).toContain('## Goals — Kino Vmeste, 1 instance');
    expect(md).not.toContain('Kino Vmeste, 2 instances');
    expect(md).not.toContain('NOT met');
    expect(md).toContain('| realistic: CPU cores, server / clients / Redis | 0.20 / 0.30 / 0.10 |');
  });
});
