/**
 * The packages `bun run release` made for the test deployment, unpacked: the very zips a
 * store would get. When dist/test-deployment holds none, or an outdated one, the release
 * is made here (about half a minute).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { TEST_RELEASE_DIR, TEST_RELEASE_ENV } from '@kino/test-support/test-deployment';
import { readZip, writeDir } from '../../scripts/release/zip-files.ts';

const ROOT = resolve(import.meta.dir, '../..');
const DIST = join(ROOT, TEST_RELEASE_DIR);

export interface UnpackedRelease {
  chromeDir: string;
  firefoxDir: string;
  version: string;
  remove(): Promise<void>;
}

async function releaseRecord(
  version: string,
): Promise<{ build?: { backendUrl?: string; cinemaOrigins?: string[] } } | null> {
  const file = Bun.file(join(DIST, `kino-vmeste-${version}-release.json`));
  return (await file.exists()) ? file.json() : null;
}

/** The newest change to a file the packages are built from (ms since the epoch). */
async function newestSourceChange(): Promise<number> {
  const listed = Bun.spawnSync(['git', 'ls-files', '-z', 'extension', 'shared'], { cwd: ROOT });
  let newest = 0;
  for (const path of listed.stdout.toString().split('\0').filter(Boolean)) {
    const file = Bun.file(join(ROOT, path));
    if (await file.exists()) newest = Math.max(newest, file.lastModified);
  }
  return newest;
}

/** A release for the test deployment, made after the last change to the sources. */
async function isFreshTestRelease(version: string): Promise<boolean> {
  const file = Bun.file(join(DIST, `kino-vmeste-${version}-release.json`));
  const record = await releaseRecord(version);
  return (
    record?.build?.backendUrl === TEST_RELEASE_ENV.KINO_BACKEND_URL &&
    record.build.cinemaOrigins?.join(',') === TEST_RELEASE_ENV.KINO_CINEMA_ORIGINS &&
    file.lastModified > (await newestSourceChange())
  );
}

export async function unpackTestRelease(): Promise<UnpackedRelease> {
  const { version } = (await Bun.file(join(ROOT, 'extension/package.json')).json()) as {
    version: string;
  };
  if (!(await isFreshTestRelease(version))) {
    console.log(
      `[deploy] no release for the test deployment in ${TEST_RELEASE_DIR}: running bun run release`,
    );
    const proc = Bun.spawn(['bun', 'run', 'release'], {
      cwd: ROOT,
      env: { ...process.env, ...TEST_RELEASE_ENV },
      stdout: 'pipe',
      stderr: 'pipe',
    });
    const [out, err] = await Promise.all([
      new Response(proc.stdout).text(),
      new Response(proc.stderr).text(),
    ]);
    if ((await proc.exited) !== 0) throw new Error(`bun run release failed:\n${out}\n${err}`);
  }
  const parent = await mkdtemp(join(tmpdir(), 'kino-release-'));
  const unpack = async (browser: string) => {
    const dir = join(parent, browser);
    await writeDir(dir, await readZip(join(DIST, `kino-vmeste-${version}-${browser}.zip`)));
    return dir;
  };
  return {
    chromeDir: await unpack('chrome'),
    firefoxDir: await unpack('firefox'),
    version,
    remove: () => rm(parent, { recursive: true, force: true }),
  };
}
