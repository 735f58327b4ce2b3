/**
 * `bun run release`: the store packages for a deployment, checked as the stores will.
 *
 *   KINO_BACKEND_URL=https://together.example.com \
 *   KINO_CINEMA_ORIGINS=https://cinema.example.com \
 *   bun run release
 *
 * Writes to dist/ (or KINO_RELEASE_DIR): kino-vmeste-<v>-chrome.zip, -firefox.zip, -sources.zip (for AMO) and
 * -release.json (what was built, checksums, lint warnings). Before it says "ok" it checks
 * both manifests (manifest-check.ts), runs `web-ext lint` on the Firefox zip (0 errors),
 * and rebuilds both packages from a clean unpack of the sources zip with the commands in
 * its README, file for file identical to the zips.
 */
import { createHash } from 'node:crypto';
import { mkdir, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import {
  type BuildConfig,
  BuildConfigError,
  ENV,
  parseBuildConfig,
} from '../../extension/build-config.ts';
import { lintFirefoxPackage } from './lint.ts';
import { type Browser, checkPackage } from './manifest-check.ts';
import { rebuildFromSources } from './rebuild.ts';
import { cleanEnv, collectSources, releaseVariables } from './sources.ts';
import { type FileMap, readZip, writeZip } from './zip-files.ts';

const ROOT = resolve(import.meta.dir, '../..');
const EXTENSION = join(ROOT, 'extension');
/** Where the packages go: dist/ unless KINO_RELEASE_DIR (relative to the repo) says otherwise. */
const DIST = resolve(ROOT, process.env.KINO_RELEASE_DIR ?? 'dist');
const BROWSERS: Browser[] = ['chrome', 'firefox'];

const log = (line: string) => console.log(line);

class ReleaseError extends Error {}

function readBuild(): BuildConfig {
  let build: BuildConfig;
  try {
    build = parseBuildConfig(process.env);
  } catch (error) {
    if (error instanceof BuildConfigError) throw new ReleaseError(error.message);
    throw error;
  }
  if (build.kind !== 'release') {
    throw new ReleaseError(
      `a release is built for a deployment: set ${ENV.backendUrl} and ${ENV.cinemaOrigins}, e.g.\n` +
        `  ${ENV.backendUrl}=https://together.example.com ${ENV.cinemaOrigins}=https://cinema.example.com bun run release`,
    );
  }
  return build;
}

async function readVersion(): Promise<string> {
  const { version } = (await Bun.file(join(EXTENSION, 'package.json')).json()) as {
    version?: string;
  };
  // Browsers accept one to four dot-separated numbers without leading zeros.
  if (!version || !/^(0|[1-9]\d{0,8})(\.(0|[1-9]\d{0,8})){0,3}$/.test(version)) {
    throw new ReleaseError(
      `extension/package.json version "${version}" is not a browser extension version`,
    );
  }
  return version;
}

async function run(command: string[], cwd: string, env: Record<string, string>): Promise<void> {
  const proc = Bun.spawn(command, { cwd, stdout: 'pipe', stderr: 'pipe', env });
  const [out, err] = await Promise.all([
    new Response(proc.stdout).text(),
    new Response(proc.stderr).text(),
  ]);
  if ((await proc.exited) !== 0)
    throw new ReleaseError(`${command.join(' ')} failed:\n${out}\n${err}`);
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

function gitDescribe(): string {
  const git = Bun.spawnSync(['git', 'describe', '--always', '--dirty'], { cwd: ROOT });
  return git.exitCode === 0 ? git.stdout.toString().trim() : 'unknown';
}

async function release(): Promise<void> {
  if (!DIST.startsWith(`${ROOT}/`))
    throw new ReleaseError(`KINO_RELEASE_DIR must be inside the repository, got ${DIST}`);
  const build = readBuild();
  const version = await readVersion();
  const name = (what: string) => `kino-vmeste-${version}-${what}.zip`;
  log(`release ${version} for ${build.backendUrl} (cinema ${build.cinemaOrigins.join(', ')})`);
  await rm(DIST, { recursive: true, force: true });
  await mkdir(DIST, { recursive: true });

  // 1. The store packages, built by WXT into extension/.output/release.
  const outDir = join(EXTENSION, '.output/release');
  await rm(outDir, { recursive: true, force: true });
  // Built in the same clean environment as the reviewer's rebuild, so both are alike.
  const env = cleanEnv(releaseVariables(build));
  await run(['bunx', 'wxt', 'zip'], EXTENSION, env);
  await run(['bunx', 'wxt', 'zip', '-b', 'firefox'], EXTENSION, env);
  const packages = {} as Record<Browser, FileMap>;
  for (const browser of BROWSERS) {
    await Bun.write(join(DIST, name(browser)), Bun.file(join(outDir, name(browser))));
    packages[browser] = await readZip(join(DIST, name(browser)));
    log(`  ${name(browser)}: ${packages[browser].size} files`);
  }

  // 2. The sources zip for AMO.
  const sources = await collectSources(ROOT, { version, build, bunVersion: Bun.version });
  await writeZip(join(DIST, name('sources')), sources);
  log(`  ${name('sources')}: ${sources.size} files`);

  // 3. What the stores will check.
  const problems = BROWSERS.flatMap((browser) =>
    checkPackage(packages[browser], { browser, version, build }).map((p) => `${browser}: ${p}`),
  );
  if (problems.length > 0)
    throw new ReleaseError(`the packages would not pass review:\n  ${problems.join('\n  ')}`);
  log('  manifests: ok (keys, minimal permissions, hosts, files, no remote code, version)');

  const lint = await lintFirefoxPackage(packages.firefox);
  for (const w of lint.warnings)
    log(`  web-ext lint warning ${w.code} ${w.file ?? ''}: ${w.message}`);
  if (lint.errors.length > 0) {
    const lines = lint.errors.map((e) => `${e.code} ${e.file ?? ''}: ${e.message}`);
    throw new ReleaseError(
      `web-ext lint found ${lint.errors.length} error(s):\n  ${lines.join('\n  ')}`,
    );
  }
  log(`  web-ext lint: 0 errors, ${lint.warnings.length} warnings, ${lint.notices.length} notices`);

  log('  rebuilding from a clean unpack of the sources zip:');
  const rebuild = await rebuildFromSources(
    await readZip(join(DIST, name('sources'))),
    packages,
    log,
  );
  const differences = BROWSERS.flatMap((b) =>
    rebuild.differences[b].map((d) => `${b}: ${d.path} ${d.problem}`),
  );
  if (differences.length > 0) {
    throw new ReleaseError(
      `the sources do not rebuild the packages:\n  ${differences.join('\n  ')}`,
    );
  }
  log(`  rebuild: identical, file for file (${rebuild.seconds.toFixed(1)} s)`);

  const files: Record<string, string> = {};
  for (const what of [...BROWSERS, 'sources']) {
    files[name(what)] = sha256(
      new Uint8Array(await Bun.file(join(DIST, name(what))).arrayBuffer()),
    );
  }
  const record = { version, build, git: gitDescribe(), bun: Bun.version, files, lint };
  await Bun.write(
    join(DIST, `kino-vmeste-${version}-release.json`),
    `${JSON.stringify(record, null, 2)}\n`,
  );
  log(`release ${version}: ok, in ${DIST}`);
}

try {
  await release();
} catch (error) {
  if (!(error instanceof ReleaseError)) throw error;
  console.error(`release: ${error.message}`);
  process.exit(1);
}
