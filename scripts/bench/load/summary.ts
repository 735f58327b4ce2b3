/** Adds up what the client workers measured and turns it into the figures of the report. Pure. */
import { merge, quantile } from './histogram.ts';
import { mergeTimelines } from './timeline.ts';
import type { ConnectReport, Phase, PhaseStats } from './types.ts';

export function mergeStats(phase: Phase, parts: readonly PhaseStats[]): PhaseStats {
  const errors: Record<string, number> = {};
  for (const part of parts) {
    for (const [code, n] of Object.entries(part.errors)) errors[code] = (errors[code] ?? 0) + n;
  }
  const sum = (pick: (s: PhaseStats) => number) => parts.reduce((n, s) => n + pick(s), 0);
  return {
    phase,
    // Workers run the phase side by side: the phase lasted as long as the longest one.
    durationMs: Math.max(0, ...parts.map((s) => s.durationMs)),
    sentChat: sum((s) => s.sentChat),
    sentCommands: sum((s) => s.sentCommands),
    delivered: sum((s) => s.delivered),
    echoes: sum((s) => s.echoes),
    latency: merge(parts.map((s) => s.latency)),
    undelivered: sum((s) => s.undelivered),
    unmatched: sum((s) => s.unmatched),
    errors,
    unexpectedCloses: sum((s) => s.unexpectedCloses),
    held: sum((s) => s.held),
    timeline: mergeTimelines(parts.map((s) => s.timeline)),
  };
}

export interface PhaseSummary {
  sentPerSec: number;
  deliveredPerSec: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Error frames + unexpected closes + undelivered messages. */
  errors: number;
  held: number;
}

export function summarizePhase(stats: PhaseStats): PhaseSummary {
  const seconds = stats.durationMs / 1000;
  const perSec = (n: number) => (seconds > 0 ? n / seconds : 0);
  const errorFrames = Object.values(stats.errors).reduce((a, b) => a + b, 0);
  return {
    sentPerSec: perSec(stats.sentChat + stats.sentCommands),
    deliveredPerSec: perSec(stats.delivered),
    p50Ms: quantile(stats.latency, 0.5),
    p99Ms: quantile(stats.latency, 0.99),
    maxMs: stats.latency.count > 0 ? stats.latency.max : Number.NaN,
    errors: errorFrames + stats.unexpectedCloses + stats.undelivered,
    held: stats.held,
  };
}

export function mergeConnects(parts: readonly ConnectReport[]): ConnectReport {
  return {
    attempted: parts.reduce((n, p) => n + p.attempted, 0),
    connected: parts.reduce((n, p) => n + p.connected, 0),
    failed: parts.reduce((n, p) => n + p.failed, 0),
    samples: parts.flatMap((p) => p.samples).slice(0, 5),
    elapsedMs: Math.max(0, ...parts.map((p) => p.elapsedMs)),
  };
}

/** Server memory added by the connections, per connection (KiB). */
export function memoryPerConnectionKb(beforeKb: number, afterKb: number, connections: number) {
  return connections > 0 ? (afterKb - beforeKb) / connections : Number.NaN;
}
