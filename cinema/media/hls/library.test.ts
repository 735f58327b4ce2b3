/** The HLS file index over a fake cache folder: only ready streams' media files are served. */
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHlsLibrary, type HlsLibrary } from './library.ts';

let root: string;
let library: HlsLibrary;
const SEGMENT = new Uint8Array(Array.from({ length: 100 }, (_, i) => i));

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'kino-hls-lib-'));
  const files: Record<string, string | Uint8Array> = {
    'film/master.m3u8': '#EXTM3U\n',
    'film/recipe.json': '{"secret":true}',
    'film/360p/index.m3u8': '#EXTM3U\n',
    'film/360p/init_0.mp4': 'init',
    'film/360p/seg000.m4s': SEGMENT,
    'film/360p/notes.txt': 'not media',
    'film/360p/deeper/seg.m4s': 'too deep',
    'half-made/master.m3u8': '#EXTM3U\n',
    'no-master/360p/index.m3u8': '#EXTM3U\n',
  };
  for (const [path, body] of Object.entries(files)) {
    await mkdir(join(root, path, '..'), { recursive: true });
    await writeFile(join(root, path), body);
  }
  // "half-made" is on disk but not reported ready, "no-master" has no master playlist.
  library = createHlsLibrary(root, ['film', 'no-master']);
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe('createHlsLibrary', () => {
  test('knows the ready streams with a master playlist, and their URLs', () => {
    expect(library.has('film')).toBe(true);
    expect(library.has('half-made')).toBe(false);
    expect(library.has('no-master')).toBe(false);
    expect(library.masterPath('film')).toBe('/media/hls/film/master.m3u8');
  });

  test.each([
    ['film/master.m3u8', 'application/vnd.apple.mpegurl', 'no-cache'],
    ['film/360p/index.m3u8', 'application/vnd.apple.mpegurl', 'no-cache'],
    ['film/360p/init_0.mp4', 'video/mp4', 'public, max-age=3600'],
    ['film/360p/seg000.m4s', 'video/iso.segment', 'public, max-age=3600'],
  ])('%s is %s', async (path, type, cache) => {
    const res = library.serve(path, null);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(type);
    expect(res.headers.get('cache-control')).toBe(cache);
    expect(res.headers.get('accept-ranges')).toBe('bytes');
  });

  test('a segment answers a byte range with 206 and exactly those bytes', async () => {
    const res = library.serve('film/360p/seg000.m4s', 'bytes=10-19');
    expect(res.status).toBe(206);
    expect(res.headers.get('content-range')).toBe('bytes 10-19/100');
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(SEGMENT.slice(10, 20));
    expect(library.serve('film/360p/seg000.m4s', 'bytes=100-').status).toBe(416);
  });

  test.each([
    'film/recipe.json',
    'film/360p/notes.txt',
    'film/360p/deeper/seg.m4s',
    'half-made/master.m3u8',
    'film/../film/master.m3u8',
    '../film/master.m3u8',
    'film/360p/../master.m3u8',
    '/etc/passwd',
    'film/360p/seg001.m4s',
    '',
  ])('%p is a JSON 404', async (path) => {
    const res = library.serve(path, null);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('application/json');
  });
});
