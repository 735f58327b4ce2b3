/**
 * The generator on a tiny clip of its own (a few seconds, two renditions) in a temp folder:
 * what ffmpeg writes, the stamp that keeps it from being made twice, and what remakes it.
 */
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hasFfmpeg } from '@kino/test-support/services';
import { currentStreamIds, ensureHlsStreams, hlsJobs, STAMP_FILE } from './generate.ts';
import { AD_ID, type HlsFilmRecipe } from './recipe.ts';

const TINY: HlsFilmRecipe = {
  id: 'tiny',
  source: 'tiny.webm',
  ladder: [
    { name: '90p', width: 160, height: 90, videoKbps: 60 },
    { name: '54p', width: 96, height: 54, videoKbps: 20 },
  ],
};

describe.skipIf(!hasFfmpeg)('ensureHlsStreams on a tiny clip', () => {
  let clips: string;
  let out: string;
  beforeAll(async () => {
    clips = await mkdtemp(join(tmpdir(), 'kino-hls-clips-'));
    out = await mkdtemp(join(tmpdir(), 'kino-hls-out-'));
    const made = Bun.spawnSync([
      'ffmpeg',
      ...['-hide_banner', '-loglevel', 'error', '-nostdin', '-y'],
      ...['-f', 'lavfi', '-i', 'testsrc2=duration=9:size=160x90:rate=15'],
      ...['-f', 'lavfi', '-i', 'sine=frequency=440:duration=9'],
      ...['-c:v', 'libvpx-vp9', '-deadline', 'realtime', '-cpu-used', '8', '-c:a', 'libopus'],
      join(clips, TINY.source),
    ]);
    expect(made.exitCode).toBe(0);
  }, 60_000);
  afterAll(async () => {
    await rm(clips, { recursive: true, force: true });
    await rm(out, { recursive: true, force: true });
  });

  test('writes a master playlist, a folder per rendition and the ad', async () => {
    const lines: string[] = [];
    const result = await ensureHlsStreams([TINY], {
      dir: out,
      clipsDir: clips,
      log: (l) => lines.push(l),
    });
    expect(result.status).toBe('ready');
    if (result.status !== 'ready') return;
    expect(result.made.map((m) => m.id).sort()).toEqual([AD_ID, 'tiny']);
    expect(lines.join('\n')).toContain('making tiny, ad');

    const master = await readFile(join(out, 'tiny', 'master.m3u8'), 'utf8');
    expect(master).toMatch(/RESOLUTION=160x90,CODECS="avc1\.[0-9a-f]+,mp4a\.40\.2"/);
    expect(master).toContain('90p/index.m3u8');
    expect(master).toContain('54p/index.m3u8');

    const media = await readFile(join(out, 'tiny', '90p', 'index.m3u8'), 'utf8');
    expect(media).toContain('#EXT-X-PLAYLIST-TYPE:VOD');
    expect(media).toContain('#EXT-X-INDEPENDENT-SEGMENTS');
    // ffmpeg names each rendition's init segment after its index.
    expect(media).toContain('#EXT-X-MAP:URI="init_0.mp4"');
    expect(media).toContain('#EXT-X-ENDLIST');
    // 9 s in 4-second segments, cut on the 2-second keyframes: 4 + 4 + 1.
    const segments = media.split('\n').filter((l) => l.endsWith('.m4s'));
    expect(segments).toEqual(['seg000.m4s', 'seg001.m4s', 'seg002.m4s']);
    const files = await readdir(join(out, 'tiny', '54p'));
    expect(files.sort()).toEqual(['index.m3u8', 'init_1.mp4', ...segments].sort());
    // No temporary folder is left behind.
    expect((await readdir(out)).filter((n) => n.startsWith('.tmp-'))).toEqual([]);
    expect(existsSync(join(out, AD_ID, '360p', 'index.m3u8'))).toBe(true);
  }, 120_000);

  test('a second run makes nothing; a changed clip or --force remakes', async () => {
    const again = await ensureHlsStreams([TINY], { dir: out, clipsDir: clips });
    expect(again).toEqual({ status: 'ready', made: [], seconds: 0 });
    expect((await currentStreamIds([TINY], { dir: out, clipsDir: clips })).sort()).toEqual([
      AD_ID,
      'tiny',
    ]);

    // The stamp names the clip's digest: a different clip is a stale stream.
    const clip = join(clips, TINY.source);
    const bytes = await Bun.file(clip).bytes();
    await writeFile(clip, Buffer.concat([bytes, Buffer.from([0])]));
    expect(await currentStreamIds([TINY], { dir: out, clipsDir: clips })).toEqual([AD_ID]);
    await writeFile(clip, bytes);
    expect(await currentStreamIds([TINY], { dir: out, clipsDir: clips })).toHaveLength(2);

    const forced = await ensureHlsStreams([TINY], { dir: out, clipsDir: clips, force: true });
    expect(forced.status === 'ready' && forced.made.length).toBe(2);
  }, 120_000);

  test('without ffmpeg: "unavailable", and nothing is half made', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'kino-hls-none-'));
    try {
      const result = await ensureHlsStreams([TINY], { dir: empty, clipsDir: clips, ffmpeg: null });
      expect(result).toEqual({ status: 'unavailable', reason: 'ffmpeg is not installed' });
      expect(await readdir(empty)).toEqual([]);
    } finally {
      await rm(empty, { recursive: true, force: true });
    }
  });

  test('a failing ffmpeg is an error with its message, and leaves no stream', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'kino-hls-bad-'));
    try {
      await writeFile(join(clips, 'garbage.webm'), 'not a video');
      const broken = { ...TINY, source: 'garbage.webm' };
      await expect(ensureHlsStreams([broken], { dir: empty, clipsDir: clips })).rejects.toThrow(
        /ffmpeg exited with \d+: [\s\S]*garbage\.webm/,
      );
      expect(existsSync(join(empty, 'tiny', STAMP_FILE))).toBe(false);
      expect((await readdir(empty)).filter((n) => n.startsWith('.tmp-'))).toEqual([]);
    } finally {
      await rm(empty, { recursive: true, force: true });
    }
  }, 60_000);
});

describe('stamps', () => {
  test('a stamp follows the ffmpeg command line: another ladder is another stamp', async () => {
    const dir = join(import.meta.dir, '..');
    const recipe: HlsFilmRecipe = { ...TINY, source: 'first-snow.webm' };
    const [a] = await hlsJobs([recipe], dir, null);
    const [b] = await hlsJobs([recipe], dir, null);
    const [c] = await hlsJobs([{ ...recipe, ladder: TINY.ladder.slice(0, 1) }], dir, null);
    expect(a?.stamp).toBe(b?.stamp ?? '');
    expect(a?.stamp).not.toBe(c?.stamp ?? '');
    // Folders are placeholders, so a stamp does not depend on where the clone is.
    expect(a?.stamp).not.toContain(dir);
  });
});
