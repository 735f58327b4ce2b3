/**
 * Makes the HLS streams from the committed clips with ffmpeg, once: every stream lands in
 * its own folder of the cache (default cinema/media/.hls, gitignored) with a stamp of the
 * recipe and source it was made from, and is remade only when that stamp no longer matches.
 * A stream is written to a temporary folder and renamed into place, so a reader (or a
 * second generator in another process) never sees half of one.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { adArgs, type Fonts, filmArgs } from './ffmpeg-args.ts';
import { AD_ID, HLS_RECIPE_VERSION, type HlsFilmRecipe } from './recipe.ts';

export const CLIPS_DIR = join(import.meta.dir, '..');
export const DEFAULT_HLS_DIR = join(CLIPS_DIR, '.hls');
export const STAMP_FILE = 'recipe.json';

const DEJAVU = '/usr/share/fonts/truetype/dejavu';
const DEFAULT_FONTS: Fonts = {
  sans: `${DEJAVU}/DejaVuSans.ttf`,
  mono: `${DEJAVU}/DejaVuSansMono.ttf`,
};

/** One stream to make: its folder name, its stamp, and the ffmpeg arguments for a folder. */
export interface HlsJob {
  id: string;
  stamp: string;
  args(outDir: string): string[];
}

export interface GenerateOptions {
  /** Where the streams go (default cinema/media/.hls). */
  dir?: string;
  /** Where the source clips are (default cinema/media). */
  clipsDir?: string;
  /** Remake every stream even when its stamp matches. */
  force?: boolean;
  /** Progress lines; nothing is printed when every stream is already there. */
  log?: (line: string) => void;
  /** The ffmpeg binary (default: `ffmpeg` on PATH; null: there is none). */
  ffmpeg?: string | null;
  fonts?: Fonts | null;
}

export type GenerateResult =
  | { status: 'ready'; made: { id: string; seconds: number }[]; seconds: number }
  | { status: 'unavailable'; reason: string };

function fontsOrNull(fonts: Fonts): Fonts | null {
  return existsSync(fonts.sans) && existsSync(fonts.mono) ? fonts : null;
}

async function sourceDigest(path: string): Promise<string> {
  const bytes = await Bun.file(path).bytes();
  return `${bytes.length}:${Bun.hash(bytes).toString(16)}`;
}

/**
 * The jobs for the given film recipes plus the ad. A stamp is the ffmpeg command line (with
 * placeholders for the folders) and the source clip's digest: any change to either remakes
 * the stream.
 */
export async function hlsJobs(
  recipes: readonly HlsFilmRecipe[],
  clipsDir: string,
  fonts: Fonts | null,
): Promise<HlsJob[]> {
  const stampOf = (args: string[], source: string | null) =>
    JSON.stringify({ version: HLS_RECIPE_VERSION, args, source });
  const jobs: HlsJob[] = [];
  for (const recipe of recipes) {
    const source = join(clipsDir, recipe.source);
    jobs.push({
      id: recipe.id,
      stamp: stampOf(filmArgs(recipe, '<source>', '<out>', fonts), await sourceDigest(source)),
      args: (out) => filmArgs(recipe, source, out, fonts),
    });
  }
  jobs.push({
    id: AD_ID,
    stamp: stampOf(adArgs('<out>', fonts), null),
    args: (out) => adArgs(out, fonts),
  });
  return jobs;
}

/** Whether `dir/<id>` holds a stream made from exactly this stamp. */
export async function isCurrent(dir: string, job: Pick<HlsJob, 'id' | 'stamp'>): Promise<boolean> {
  try {
    return (await readFile(join(dir, job.id, STAMP_FILE), 'utf8')) === job.stamp;
  } catch {
    return false;
  }
}

async function runFfmpeg(ffmpeg: string, args: string[]): Promise<void> {
  const proc = Bun.spawn([ffmpeg, ...args], { stdout: 'ignore', stderr: 'pipe' });
  const [code, stderr] = await Promise.all([proc.exited, new Response(proc.stderr).text()]);
  if (code !== 0) throw new Error(`ffmpeg exited with ${code}: ${stderr.trim().slice(0, 2000)}`);
}

/** Makes one stream in a temporary folder and moves it into place. */
async function makeStream(dir: string, job: HlsJob, ffmpeg: string): Promise<void> {
  const tmp = join(dir, `.tmp-${job.id}-${process.pid}-${Date.now().toString(36)}`);
  const target = join(dir, job.id);
  await mkdir(tmp, { recursive: true });
  try {
    await runFfmpeg(ffmpeg, job.args(tmp));
    await writeFile(join(tmp, STAMP_FILE), job.stamp);
    // Another process may have finished the same stream meanwhile: keep theirs.
    if (await isCurrent(dir, job)) return;
    await rm(target, { recursive: true, force: true });
    await rename(tmp, target).catch(async (error) => {
      if (!(await isCurrent(dir, job))) throw error;
    });
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

/**
 * Runs `work` over `items`, at most `limit` at a time. On a failure no new item starts, the
 * running ones finish (their folders are cleaned up), then the first error is thrown.
 */
async function eachLimited<T>(items: T[], limit: number, work: (item: T) => Promise<void>) {
  const queue = [...items];
  let failed = false;
  const worker = async () => {
    for (let item = queue.shift(); item !== undefined && !failed; item = queue.shift()) {
      await work(item).catch((error) => {
        failed = true;
        throw error;
      });
    }
  };
  const results = await Promise.allSettled(
    Array.from({ length: Math.min(limit, items.length) }, worker),
  );
  const rejected = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (rejected) throw rejected.reason;
}

function fontsFor(options: GenerateOptions): Fonts | null {
  return options.fonts === undefined ? fontsOrNull(DEFAULT_FONTS) : options.fonts;
}

/** The ids of the streams (films and the ad) already made from the current recipe. */
export async function currentStreamIds(
  recipes: readonly HlsFilmRecipe[],
  options: Pick<GenerateOptions, 'dir' | 'clipsDir' | 'fonts'> = {},
): Promise<string[]> {
  const dir = options.dir ?? DEFAULT_HLS_DIR;
  const jobs = await hlsJobs(recipes, options.clipsDir ?? CLIPS_DIR, fontsFor(options));
  const current: string[] = [];
  for (const job of jobs) if (await isCurrent(dir, job)) current.push(job.id);
  return current;
}

/**
 * Makes every stream that is missing or stale; quick when all are current (reads the
 * stamps and hashes the clips). Without ffmpeg it says so instead of failing, and the
 * cinema plays those films as progressive WebM.
 */
export async function ensureHlsStreams(
  recipes: readonly HlsFilmRecipe[],
  options: GenerateOptions = {},
): Promise<GenerateResult> {
  const dir = options.dir ?? DEFAULT_HLS_DIR;
  const fonts = fontsFor(options);
  const jobs = await hlsJobs(recipes, options.clipsDir ?? CLIPS_DIR, fonts);
  const stale: HlsJob[] = [];
  for (const job of jobs) if (options.force || !(await isCurrent(dir, job))) stale.push(job);
  if (stale.length === 0) return { status: 'ready', made: [], seconds: 0 };

  const ffmpeg = options.ffmpeg === undefined ? Bun.which('ffmpeg') : options.ffmpeg;
  if (!ffmpeg) return { status: 'unavailable', reason: 'ffmpeg is not installed' };
  const log = options.log ?? (() => {});
  if (!fonts) log('HLS: DejaVu fonts not found, the streams get no labels');
  log(`HLS: making ${stale.map((j) => j.id).join(', ')} in ${dir} (ffmpeg, once)…`);
  await mkdir(dir, { recursive: true });
  const started = performance.now();
  const made: { id: string; seconds: number }[] = [];
  // ffmpeg decodes and filters on one thread and x264 uses the rest: two at a time fill
  // two cores. The longest stream is first in the catalogue, so it starts first.
  await eachLimited(stale, Math.max(1, Math.min(2, availableParallelism())), async (job) => {
    const jobStarted = performance.now();
    await makeStream(dir, job, ffmpeg);
    const seconds = (performance.now() - jobStarted) / 1000;
    made.push({ id: job.id, seconds });
    log(`HLS: ${job.id} ready in ${seconds.toFixed(1)} s`);
  });
  return { status: 'ready', made, seconds: (performance.now() - started) / 1000 };
}
