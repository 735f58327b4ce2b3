/**
 * The sources zip AMO asks for: the part of the monorepo the add-on is built from, laid
 * out so that it builds on its own with the commands in its README — a root package.json
 * listing only the workspaces it contains, a lockfile pruned to match (so
 * `bun install --frozen-lockfile` works from a clean unpack), and the build settings of
 * this release in release.env.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BuildConfig, ENV } from '../../extension/build-config.ts';
import { type FileMap, writeDir } from './zip-files.ts';

/** Workspaces in the sources: the add-on, the code it imports, and what `shared` lists. */
export const SOURCE_WORKSPACES = ['extension', 'shared', 'test-support'];

/** What a reviewer runs in the unpacked sources; the rebuild check runs exactly these. */
export const SOURCES_BUILD_COMMANDS = [
  ['bun', 'install', '--frozen-lockfile'],
  ['bun', 'run', 'build'],
];

/** Where the rebuild puts each browser's package, relative to the sources root. */
export const SOURCES_OUTPUT = {
  chrome: 'extension/.output/release/chrome-mv3',
  firefox: 'extension/.output/release/firefox-mv2',
} as const;

/** Tracked files that are not needed to build: tests, their helpers, screenshots. */
export function isSourceFile(path: string): boolean {
  if (!SOURCE_WORKSPACES.some((w) => path.startsWith(`${w}/`))) return false;
  if (/\.test\.tsx?$/.test(path)) return false;
  return !['extension/screenshots/', 'extension/test/'].some((dir) => path.startsWith(dir));
}

/**
 * The environment of every build of the packages, ours and the reviewer's alike: the
 * basics a shell has and nothing else. A variable of the caller's (NODE_ENV=test under
 * `bun test`, a stray KINO_*) would otherwise change the bundles.
 */
export function cleanEnv(extra: Record<string, string> = {}): Record<string, string> {
  const keep = ['PATH', 'HOME', 'TMPDIR', 'LANG', 'BUN_INSTALL', 'BUN_INSTALL_CACHE_DIR'];
  const basics = keep.flatMap((name) => (process.env[name] ? [[name, process.env[name]!]] : []));
  return { ...Object.fromEntries(basics), ...extra };
}

/** The deployment as env variables, as release.env sets them for the sources build. */
export function releaseVariables(build: BuildConfig): Record<string, string> {
  const variables: Record<string, string> = {
    [ENV.backendUrl]: build.backendUrl,
    [ENV.cinemaOrigins]: build.cinemaOrigins.join(','),
  };
  if (build.storeLinks.chrome) variables[ENV.chromeStore] = build.storeLinks.chrome;
  if (build.storeLinks.firefox) variables[ENV.firefoxStore] = build.storeLinks.firefox;
  return variables;
}

/** The deployment as an env file (`bun --env-file` reads it; build-config.ts parses it). */
export function releaseEnv(build: BuildConfig): string {
  const lines = Object.entries(releaseVariables(build)).map(([name, value]) => `${name}=${value}`);
  return `# The deployment this release is built for; extension/build-config.ts reads these.\n${lines.join('\n')}\n`;
}

export function sourcesPackageJson(version: string): string {
  const manifest = {
    name: 'kino-vmeste-extension-sources',
    private: true,
    version,
    type: 'module',
    workspaces: SOURCE_WORKSPACES,
    scripts: { build: 'cd extension && bun --env-file=../release.env run build' },
  };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

export function sourcesReadme(version: string, bunVersion: string): string {
  const commands = SOURCES_BUILD_COMMANDS.map((c) => `    ${c.join(' ')}`).join('\n');
  return `# Kino Vmeste ${version}: sources of the browser extension

These are the sources of \`kino-vmeste-${version}-firefox.zip\` (and of the Chrome
package), taken from the Kino Vmeste repository:

- \`extension/\`: the add-on (WXT 0.21, Preact, TypeScript);
- \`shared/\`: the protocol and playback-sync code the add-on imports;
- \`test-support/\`: a workspace \`shared\` names for its tests (not part of the build).

## Build

Needs Linux or macOS and Bun ${bunVersion} (\`npm install -g bun@${bunVersion}\`). The
install downloads exactly the packages pinned in \`bun.lock\` from the npm registry; once
Bun's cache holds them, \`bun install --frozen-lockfile --offline\` works without network.

${commands}

The add-on is then in \`${SOURCES_OUTPUT.firefox}/\`, file for file the contents of
\`kino-vmeste-${version}-firefox.zip\`; \`${SOURCES_OUTPUT.chrome}/\` is the Chrome
package. \`bun run build\` reads the servers this release talks to from \`release.env\`.

The bundles are made by Vite (Rollup) from these sources: imports are bundled and the
code minified, nothing is obfuscated, generated or downloaded at build time, and the
add-on loads no remote code. The icons are drawn by \`extension/tools/make-icons.ts\`.
`;
}

/** Tracked files under the source workspaces, as they are in the working tree. */
async function trackedSourceFiles(root: string): Promise<FileMap> {
  const listed = Bun.spawnSync(['git', 'ls-files', '-z', ...SOURCE_WORKSPACES], { cwd: root });
  if (listed.exitCode !== 0) throw new Error(`git ls-files failed: ${listed.stderr.toString()}`);
  const files: FileMap = new Map();
  for (const path of listed.stdout.toString().split('\0').filter(isSourceFile)) {
    const file = Bun.file(join(root, path));
    // A tracked file deleted in the working tree is not part of this build either.
    if (await file.exists()) files.set(path, new Uint8Array(await file.arrayBuffer()));
  }
  return files;
}

/**
 * bun.lock pruned to the source workspaces: bun rewrites it for the smaller package.json
 * without fetching anything (every version is already pinned).
 */
async function prunedLockfile(root: string, files: FileMap): Promise<Uint8Array> {
  const dir = await mkdtemp(join(tmpdir(), 'kino-sources-lock-'));
  try {
    await writeDir(dir, files);
    await Bun.write(join(dir, 'bun.lock'), Bun.file(join(root, 'bun.lock')));
    const proc = Bun.spawnSync(['bun', 'install', '--lockfile-only', '--ignore-scripts'], {
      cwd: dir,
      stdout: 'pipe',
      stderr: 'pipe',
    });
    if (proc.exitCode !== 0) {
      throw new Error(`pruning bun.lock for the sources failed:\n${proc.stderr.toString()}`);
    }
    return new Uint8Array(await Bun.file(join(dir, 'bun.lock')).arrayBuffer());
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export async function collectSources(
  root: string,
  opts: { version: string; build: BuildConfig; bunVersion: string },
): Promise<FileMap> {
  const encode = (s: string) => new TextEncoder().encode(s);
  const files = await trackedSourceFiles(root);
  files.set('package.json', encode(sourcesPackageJson(opts.version)));
  files.set('bunfig.toml', encode('[install]\nexact = true\n'));
  files.set('release.env', encode(releaseEnv(opts.build)));
  files.set('README.md', encode(sourcesReadme(opts.version, opts.bunVersion)));
  files.set('bun.lock', await prunedLockfile(root, files));
  return files;
}
