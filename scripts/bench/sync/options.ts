/** Command-line options of `bun run bench:sync`, parsed once with clear errors. */
import { RUN_LABELS, type RunLabel } from './runs.ts';

export interface SyncBenchOptions {
  members: number;
  durationSec: number;
  seed: number;
  /** Which runs, in order (runs.ts). */
  runs: RunLabel[];
  /** Length of the `--long` run (s). */
  longSec: number;
  latencyMs: number;
  jitterMs: number;
  /** Where the markdown, JSON and SVG go. */
  outDir: string;
}

export const USAGE = `bun run bench:sync [--members 3] [--duration 120 | --quick] [--seed N]
  [--only loopback,proxy,lossy,mixed,floor,long,hls,ad] [--long [600]] [--latency 80] [--jitter 30]
  [--out scripts/bench/results]`;

export const DEFAULT_RUNS: RunLabel[] = [
  'floor',
  'loopback',
  'proxy',
  'lossy',
  'mixed',
  'hls',
  'ad',
];

/** Members are the demo cinema's users who may be invited to anna's room. */
export const MAX_MEMBERS = 4;

function number(name: string, raw: string | undefined, min: number, max: number): number {
  const value = Number(raw);
  if (raw === undefined || raw === '' || !Number.isFinite(value) || value < min || value > max) {
    throw new Error(`--${name} must be a number in ${min}..${max}, got "${raw ?? ''}"`);
  }
  return value;
}

export function parseSyncBenchArgs(argv: readonly string[]): SyncBenchOptions {
  const options: SyncBenchOptions = {
    members: 3,
    durationSec: 120,
    seed: 1,
    runs: [...DEFAULT_RUNS],
    longSec: 600,
    latencyMs: 80,
    jitterMs: 30,
    outDir: 'scripts/bench/results',
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => argv[++i];
    switch (arg) {
      case '--members':
        options.members = Math.round(number('members', value(), 2, MAX_MEMBERS));
        break;
      case '--duration':
        options.durationSec = number('duration', value(), 10, 3600);
        break;
      case '--quick':
        options.durationSec = 30;
        break;
      case '--seed':
        options.seed = Math.round(number('seed', value(), 0, 2 ** 31));
        break;
      case '--only': {
        const runs = (value() ?? '').split(',');
        const unknown = runs.filter((r) => !(RUN_LABELS as readonly string[]).includes(r));
        if (unknown.length > 0 || runs.length === 0) {
          throw new Error(
            `--only takes runs of ${RUN_LABELS.join(', ')}, got "${unknown.join(',')}"`,
          );
        }
        options.runs = runs as RunLabel[];
        break;
      }
      case '--long': {
        // An optional length in seconds; the run is added after the others.
        const next = argv[i + 1];
        if (next !== undefined && !next.startsWith('--'))
          options.longSec = number('long', value(), 60, 7200);
        if (!options.runs.includes('long')) options.runs.push('long');
        break;
      }
      case '--latency':
        options.latencyMs = number('latency', value(), 0, 2000);
        break;
      case '--jitter':
        options.jitterMs = number('jitter', value(), 0, 2000);
        break;
      case '--out': {
        const dir = value();
        if (!dir) throw new Error('--out needs a directory');
        options.outDir = dir;
        break;
      }
      default:
        throw new Error(`unknown argument "${arg}"\n${USAGE}`);
    }
  }
  if (options.jitterMs > options.latencyMs) {
    throw new Error(
      `--jitter (${options.jitterMs}) must not exceed --latency (${options.latencyMs})`,
    );
  }
  return options;
}
