/**
 * `bun run bench:load`: thousands of simulated members over real WebSockets against our
 * backend (one instance, and two sharing Redis + Postgres) and two baselines measured in
 * the same run — a bare Bun relay and a socket.io relay on Node. Everything runs on
 * loopback, stops by itself, and cleans up its processes, database and Redis keys.
 * Prints a markdown table and writes scripts/bench/results/load.{md,json}.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, cpus, release, tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunningCinema, startCinema } from '@kino/cinema/server';
import { OptionError, parseOptions } from './load/options.ts';
import { openFileLimit } from './load/procs.ts';
import { renderReport } from './load/report.ts';
import { runTarget, type TargetResult } from './load/run-target.ts';
import { REALISTIC_RATES, roomSizes } from './load/schedule.ts';
import { type StartedTarget, startTarget } from './load/targets.ts';

const RESULTS_DIR = join(import.meta.dir, 'results');
/** Server logs of the last run (git-ignored). */
const LOG_DIR = join(RESULTS_DIR, 'tmp');
const log = (line: string) => console.error(line);

async function main(): Promise<number> {
  let options: ReturnType<typeof parseOptions>;
  try {
    options = parseOptions(process.argv.slice(2));
  } catch (error) {
    if (error instanceof OptionError) {
      console.error(error.message);
      return 2;
    }
    throw error;
  }
  // Each process holds at most all connections (+ room for files and the database).
  const fdLimit = await openFileLimit();
  if (fdLimit < options.connections + 1_000) {
    console.error(
      `open-file limit is ${fdLimit}, too low for ${options.connections} connections: ` +
        `run \`ulimit -n ${options.connections + 4_096}\` first`,
    );
    return 2;
  }
  const tmpDir = await mkdtemp(join(tmpdir(), 'kino-bench-'));
  let cinema: RunningCinema | null = null;
  let current: StartedTarget | null = null;
  const interrupt = () => {
    log('interrupted: stopping servers');
    void (current?.stop() ?? Promise.resolve()).finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupt);
  process.once('SIGTERM', interrupt);
  const results: TargetResult[] = [];
  try {
    await rm(LOG_DIR, { recursive: true, force: true });
    await mkdir(LOG_DIR, { recursive: true });
    cinema = await startCinema({ port: 0 });
    const roomCount = roomSizes(options.connections, options.roomSize).length;
    for (const name of options.targets) {
      log(`${name}: starting`);
      current = await startTarget(name, roomCount, {
        cinemaUrl: cinema.url,
        tmpDir,
        logDir: LOG_DIR,
        log,
      });
      try {
        results.push(await runTarget(current, options, log));
      } finally {
        await current.stop();
        current = null;
      }
    }
  } finally {
    await cinema?.stop();
    await rm(tmpDir, { recursive: true, force: true });
  }

  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  const markdown = renderReport(results, {
    options,
    command: `bun run bench:load ${process.argv.slice(2).join(' ')}`.trim(),
    machine: `${availableParallelism()}× ${cpu}, Linux ${release()}, Bun ${Bun.version}, open-file limit ${fdLimit}`,
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    rates: `per room: a chat line every ~${REALISTIC_RATES.chatEveryMs / 1000} s, a play/pause/seek every ~${REALISTIC_RATES.commandEveryMs / 1000} s, ±50% jitter; our clients also ping every 10 s`,
  });
  console.log(markdown);
  await mkdir(RESULTS_DIR, { recursive: true });
  await Bun.write(join(RESULTS_DIR, 'load.md'), markdown);
  await Bun.write(
    join(RESULTS_DIR, 'load.json'),
    `${JSON.stringify({ options, results }, null, 2)}\n`,
  );
  log(`written ${join(RESULTS_DIR, 'load.md')} and load.json; server logs in ${LOG_DIR}`);
  return 0;
}

process.exit(await main());
