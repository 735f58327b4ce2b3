/**
 * `bun run bench:sync`: how closely the extension keeps real players together.
 * Starts the demo cinema and a backend on free ports, then for each run (loopback,
 * and through a per-client latency proxy) puts N Chromium profiles with the built
 * extension in one room on `long-road`, acts randomly for the duration, and
 * reports steady-state pairwise drift and action-to-everyone times against the goals.
 * Usage: see USAGE in sync/options.ts.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCinema } from '@kino/cinema/server';
import { CHROME_BUILD, copyExtension } from '@kino/test-support/chromium';
import { startBackend } from '../../backend/src/main.ts';
import { analyzeRun, driftPoints } from './sync/analyze.ts';
import { parseSyncBenchArgs, USAGE } from './sync/options.ts';
import { writeResults } from './sync/output.ts';
import { runSyncBench } from './sync/run.ts';
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
  if (!existsSync(CHROME_BUILD)) {
    console.error(`No built extension at ${CHROME_BUILD}: run \`bun run build:ext\` first.`);
    process.exit(2);
  }
  const log = (line: string) => console.log(line);
  const extension = await copyExtension('kino-bench-ext-');
  const dataDir = await mkdtemp(join(tmpdir(), 'kino-bench-sync-'));
  const cinema = await startCinema({ port: 0 });
  const backend = await startBackend({
    port: 0,
    cinemaUrl: cinema.url,
    dataDir,
    databaseUrl: undefined,
    redisUrl: undefined,
    smtpUrl: undefined,
  });
  log(`cinema ${cinema.url}, backend ${backend.url}`);
  const recordings: RunRecording[] = [];
  try {
    for (const label of options.runs) {
      recordings.push(
        await runSyncBench({
          label,
          cinemaUrl: cinema.url,
          backendUrl: backend.url,
          backendPort: backend.port,
          extensionDir: extension.dir,
          members: options.members,
          durationSec: options.durationSec,
          seed: options.seed,
          latency:
            label === 'proxy' ? { meanMs: options.latencyMs, jitterMs: options.jitterMs } : null,
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
