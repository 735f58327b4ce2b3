/**
 * `bun run bench:sync`: how closely the extension keeps real players together.
 * Starts the demo cinema and a backend, then for each run (runs.ts: the floor of one
 * browser against itself, loopback, a latency proxy, a lossy proxy, Chromium with
 * Firefox, HLS, HLS with ad breaks, and optionally a long run) puts the members' browsers
 * with the built extension in one room on the run's film, acts randomly for the duration
 * (reloading a member into the pre-roll ad in the ad run), and reports pairwise drift, its
 * convergence after actions, action-to-everyone times, rejoins after ads and unexplained
 * position jumps against the goals. Usage: see USAGE in sync/options.ts.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCinema } from '@kino/cinema/server';
import { CHROME_BUILD, copyExtension, FIREFOX_BUILD } from '@kino/test-support/chromium';
import { waitForFreePorts } from '@kino/test-support/ports';
import { startBackend } from '../../backend/src/main.ts';
import { analyzeRun, driftPoints } from './sync/analyze.ts';
import { runFloor } from './sync/floor.ts';
import { parseSyncBenchArgs, USAGE } from './sync/options.ts';
import { writeResults } from './sync/output.ts';
import { runSyncBench } from './sync/run.ts';
import { runDefinition } from './sync/runs.ts';
import type { RunRecording } from './sync/types.ts';

async function main(): Promise<void> {
  let options: ReturnType<typeof parseSyncBenchArgs>;
  try {
    options = parseSyncBenchArgs(Bun.argv.slice(2));
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    console.error(USAGE);
    process.exit(2);
  }
  const runs = options.runs.map((label) => runDefinition(label, options));
  const firefox = runs.some((r) => r.label !== 'floor' && r.browsers.includes('firefox'));
  for (const build of firefox ? [CHROME_BUILD, FIREFOX_BUILD] : [CHROME_BUILD]) {
    if (!existsSync(build)) {
      console.error(`No built extension at ${build}: run \`bun run build:ext\` first.`);
      process.exit(2);
    }
  }
  const log = (line: string) => console.log(line);
  // The Firefox build keeps its default settings (cinema :3000, backend :8787), so a run
  // with a Firefox member needs the stack on those ports: run it under the e2e lock.
  if (firefox) await waitForFreePorts([3000, 8787], { timeoutMs: 300_000, label: 'bench:sync' });
  const extension = await copyExtension('kino-bench-ext-');
  const dataDir = await mkdtemp(join(tmpdir(), 'kino-bench-sync-'));
  const cinema = await startCinema({ port: firefox ? 3000 : 0 });
  const backend = await startBackend({
    port: firefox ? 8787 : 0,
    cinemaUrl: cinema.url,
    dataDir,
    databaseUrl: undefined,
    redisUrl: undefined,
    smtpUrl: undefined,
  });
  log(`cinema ${cinema.url}, backend ${backend.url}`);
  const recordings: RunRecording[] = [];
  try {
    for (const run of runs) {
      log(`— ${run.title}, ${run.durationSec} s`);
      recordings.push(
        run.label === 'floor'
          ? await runFloor({ run, cinemaUrl: cinema.url, seed: options.seed, log })
          : await runSyncBench({
              run,
              cinemaUrl: cinema.url,
              backendUrl: backend.url,
              backendPort: backend.port,
              extensionDir: extension.dir,
              firefoxBuild: FIREFOX_BUILD,
              seed: options.seed,
              log,
            }),
      );
    }
  } finally {
    await backend.stop();
    await cinema.stop();
    await rm(dataDir, { recursive: true, force: true });
    await extension.remove();
  }
  const analyzed = recordings.map((recording) => {
    const points = driftPoints(recording);
    return { figures: analyzeRun(recording, points), points, recording };
  });
  const markdown = await writeResults(options, analyzed);
  // The raw recording (every sample and event) for a closer look; too big for results/.
  const rawPath = join(tmpdir(), `kino-bench-sync-${Date.now()}.json`);
  await Bun.write(rawPath, JSON.stringify(recordings));
  console.log(`\n${markdown}\nraw samples and events: ${rawPath}`);
}

await main();
process.exit(0);
