/**
 * `bun run bench:load` flags, parsed purely (argv in, options out) with a message naming
 * the flag, so a typo fails before any server starts.
 */

export const TARGETS = [
  'bare',
  'socketio',
  'kino-1',
  'kino-2',
  'kino-3',
  'kino-2a',
  'kino-3a',
] as const;
export type TargetName = (typeof TARGETS)[number];

export interface LoadOptions {
  connections: number;
  /** Seconds of the realistic phase (latency, errors, delivered/s). */
  durationSec: number;
  /** Seconds of the closed-loop saturation phase (throughput ceiling). */
  saturationSec: number;
  roomSize: number;
  /** Client processes; the machine has 2 cores, so few and efficient. */
  workers: number;
  targets: TargetName[];
  seed: number;
  quick: boolean;
}

export const DEFAULTS: LoadOptions = {
  connections: 5_000,
  durationSec: 60,
  saturationSec: 15,
  roomSize: 5,
  workers: 2,
  targets: [...TARGETS],
  seed: 1,
  quick: false,
};

/** ~30 s in all: a smoke run that every part still works end to end. */
export const QUICK: Partial<LoadOptions> = {
  connections: 250,
  durationSec: 4,
  saturationSec: 2,
};

export const USAGE = `Usage: bun run bench:load [--connections N] [--duration SEC] [--saturation SEC]
                          [--workers N] [--targets bare,socketio,kino-1,kino-2,kino-3,kino-2a,kino-3a]
                          [--seed N] [--quick]`;

export class OptionError extends Error {
  override name = 'OptionError';
}

function whole(flag: string, raw: string | undefined, min: number, max: number): number {
  if (raw === undefined || !/^\d+$/.test(raw)) {
    throw new OptionError(`${flag} needs a whole number, got ${raw ?? 'nothing'}`);
  }
  const value = Number(raw);
  if (value < min || value > max) {
    throw new OptionError(`${flag} must be between ${min} and ${max}, got ${value}`);
  }
  return value;
}

function targets(raw: string | undefined): TargetName[] {
  const names = (raw ?? '').split(',').filter(Boolean);
  const unknown = names.filter((n) => !(TARGETS as readonly string[]).includes(n));
  if (names.length === 0 || unknown.length > 0) {
    throw new OptionError(`--targets takes a list of ${TARGETS.join(', ')}; got ${raw ?? ''}`);
  }
  return TARGETS.filter((t) => names.includes(t));
}

export function parseOptions(argv: readonly string[]): LoadOptions {
  const quick = argv.includes('--quick');
  const options: LoadOptions = { ...DEFAULTS, ...(quick ? QUICK : {}), quick };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    const [name, inline] = flag.includes('=') ? flag.split('=', 2) : [flag, undefined];
    const value = () => inline ?? argv[++i];
    switch (name) {
      case '--quick':
        break;
      case '--connections':
        options.connections = whole(name, value(), 2, 20_000);
        break;
      case '--duration':
        options.durationSec = whole(name, value(), 1, 3_600);
        break;
      case '--saturation':
        options.saturationSec = whole(name, value(), 0, 600);
        break;
      case '--workers':
        options.workers = whole(name, value(), 1, 16);
        break;
      case '--room-size':
        options.roomSize = whole(name, value(), 2, 50);
        break;
      case '--seed':
        options.seed = whole(name, value(), 0, 2 ** 31);
        break;
      case '--targets':
        options.targets = targets(value());
        break;
      default:
        throw new OptionError(`unknown flag ${name}\n${USAGE}`);
    }
  }
  return options;
}
