/**
 * What an AMO reviewer does with the sources zip: unpack it into an empty folder, run the
 * commands from its README, and compare the result with the packages we ship.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BuildDifference, compareBuilds } from './compare.ts';
import type { Browser } from './manifest-check.ts';
import { cleanEnv, SOURCES_BUILD_COMMANDS, SOURCES_OUTPUT } from './sources.ts';
import { type FileMap, readDir, writeDir } from './zip-files.ts';

export interface RebuildResult {
  differences: Record<Browser, BuildDifference[]>;
  seconds: number;
}

export async function rebuildFromSources(
  sources: FileMap,
  shipped: Record<Browser, FileMap>,
  log: (line: string) => void,
): Promise<RebuildResult> {
  const started = performance.now();
  const dir = await mkdtemp(join(tmpdir(), 'kino-sources-rebuild-'));
  try {
    await writeDir(dir, sources);
    for (const readmeCommand of SOURCES_BUILD_COMMANDS) {
      // The install runs --offline: the pinned lockfile and Bun's cache must be enough,
      // nothing may be resolved anew (the README says so too).
      const command =
        readmeCommand[1] === 'install' ? [...readmeCommand, '--offline'] : readmeCommand;
      log(`  $ ${command.join(' ')}`);
      const proc = Bun.spawn(command, {
        cwd: dir,
        // Only what a reviewer's shell would have: the build settings must come from
        // the sources' release.env.
        env: cleanEnv(),
        stdout: 'pipe',
        stderr: 'pipe',
      });
      const [out, err] = await Promise.all([
        new Response(proc.stdout).text(),
        new Response(proc.stderr).text(),
      ]);
      if ((await proc.exited) !== 0) {
        throw new Error(`"${command.join(' ')}" failed in the unpacked sources:\n${out}\n${err}`);
      }
    }
    const differences = {
      chrome: compareBuilds(shipped.chrome, await readDir(join(dir, SOURCES_OUTPUT.chrome))),
      firefox: compareBuilds(shipped.firefox, await readDir(join(dir, SOURCES_OUTPUT.firefox))),
    };
    return { differences, seconds: (performance.now() - started) / 1000 };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
