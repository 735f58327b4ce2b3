/**
 * The cinema's HLS streams over HTTP (playlists, init and media segments, Range, 404s that
 * never reach outside the cache) and the film pages that play them. Uses the real streams
 * made from the committed clips (made here if this clone has none yet).
 */
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hasFfmpeg } from '@kino/test-support/services';
import { type RunningCinema, startCinema } from './server.ts';

const get = (base: string, path: string, headers: Record<string, string> = {}) =>
  fetch(`${base}${path}`, { headers });

/** The URIs (non-tag lines) of a playlist. */
const uris = (playlist: string) =>
  playlist.split('\n').filter((line) => line !== '' && !line.startsWith('#'));

describe.skipIf(!hasFfmpeg)('HLS streams', () => {
  let cinema: RunningCinema;
  beforeAll(async () => {
    cinema = await startCinema({ port: 0 });
  }, 180_000);
  afterAll(() => cinema?.stop());

  test('a master playlist lists every rendition, smallest to largest', async () => {
    const res = await get(cinema.url, '/media/hls/first-snow/master.m3u8');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.apple.mpegurl');
    expect(res.headers.get('cache-control')).toBe('no-cache');
    const text = await res.text();
    expect(text.startsWith('#EXTM3U')).toBe(true);
    expect(uris(text)).toEqual(['180p/index.m3u8', '360p/index.m3u8', '720p/index.m3u8']);
    expect(text).toContain('RESOLUTION=1280x720');
    expect(
      (await (await get(cinema.url, '/media/hls/long-road/master.m3u8')).text()).split('RESOLUTION')
        .length,
    ).toBe(3);
  });

  test('every segment of a media playlist is served, and they add up to the film', async () => {
    const playlist = await (await get(cinema.url, '/media/hls/first-snow/360p/index.m3u8')).text();
    expect(playlist).toContain('#EXT-X-ENDLIST');
    const durations = [...playlist.matchAll(/#EXTINF:([\d.]+),/g)].map((m) => Number(m[1]));
    expect(durations.reduce((a, b) => a + b, 0)).toBeCloseTo(60, 0);
    const init = /#EXT-X-MAP:URI="([^"]+)"/.exec(playlist)?.[1];
    expect(init).toMatch(/^init_\d+\.mp4$/);
    const initRes = await get(cinema.url, `/media/hls/first-snow/360p/${init}`);
    expect(initRes.headers.get('content-type')).toBe('video/mp4');
    // An ISO BMFF file: its first box is "ftyp".
    expect(new TextDecoder().decode((await initRes.bytes()).slice(4, 8))).toBe('ftyp');
    for (const uri of uris(playlist)) {
      const res = await get(cinema.url, `/media/hls/first-snow/360p/${uri}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('video/iso.segment');
      expect(Number(res.headers.get('content-length'))).toBeGreaterThan(1000);
      await res.arrayBuffer();
    }
  });

  test('a segment answers Range with 206, the exact bytes, and 416 past its end', async () => {
    const path = '/media/hls/long-road/144p/seg010.m4s';
    const whole = await (await get(cinema.url, path)).bytes();
    const part = await get(cinema.url, path, { Range: 'bytes=100-199' });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 100-199/${whole.length}`);
    expect(await part.bytes()).toEqual(whole.slice(100, 200));
    const past = await get(cinema.url, path, { Range: `bytes=${whole.length}-` });
    expect(past.status).toBe(416);
  });

  test('the ad is a stream of its own', async () => {
    const res = await get(cinema.url, '/media/hls/ad/master.m3u8');
    expect(res.status).toBe(200);
    expect(uris(await res.text())).toEqual(['360p/index.m3u8']);
  });

  test.each([
    '/media/hls/nope/master.m3u8',
    '/media/hls/night-train/master.m3u8',
    '/media/hls/first-snow/1080p/index.m3u8',
    '/media/hls/first-snow/360p/seg999.m4s',
    '/media/hls/first-snow/recipe.json',
    '/media/hls/first-snow/360p/..%2F..%2Frecipe.json',
    '/media/hls/..%2F..%2Fserver.ts/x',
    '/media/hls/%2E%2E/%2E%2E/night-train.webm',
    '/media/hls/first-snow/360p/seg000.m4s%00.txt',
    '/media/hls/first-snow/360p/deeper/seg000.m4s',
  ])('%s is a 404', async (path) => {
    const res = await get(cinema.url, path);
    expect(res.status).toBe(404);
    const body = await res.text();
    expect(body).not.toContain('"secret"');
    expect(body).not.toContain('startCinema');
    expect(body).not.toContain('ffmpeg');
  });

  test('only GET (and HEAD) reach the streams', async () => {
    const res = await fetch(`${cinema.url}/media/hls/first-snow/master.m3u8`, { method: 'POST' });
    expect(res.status).toBe(405);
    const head = await fetch(`${cinema.url}/media/hls/first-snow/master.m3u8`, { method: 'HEAD' });
    expect(head.status).toBe(200);
  });

  test('the catalogue names each film’s stream', async () => {
    const { films } = (await (await get(cinema.url, '/api/films')).json()) as {
      films: { id: string; stream: string; preRollAd: boolean; hlsUrl: string | null }[];
    };
    const byId = Object.fromEntries(films.map((f) => [f.id, f]));
    expect(byId['night-train']).toMatchObject({ stream: 'progressive', hlsUrl: null });
    expect(byId['long-road']).toMatchObject({
      stream: 'hls',
      preRollAd: false,
      hlsUrl: `${cinema.url}/media/hls/long-road/master.m3u8`,
    });
    expect(byId['first-snow']).toMatchObject({ stream: 'hls', preRollAd: true });
  });
});

describe.skipIf(!hasFfmpeg)('film pages with the cinema player', () => {
  let cinema: RunningCinema;
  beforeAll(async () => {
    cinema = await startCinema({ port: 0 });
  }, 180_000);
  afterAll(() => cinema?.stop());
  const html = async (path: string) => (await get(cinema.url, path)).text();

  test('an HLS film with an ad: the player starts in the ad, without native controls', async () => {
    const text = await html('/films/first-snow');
    expect(text).toContain('<main class="film" data-film-id="first-snow">');
    expect(text).toMatch(
      /<div class="player cinema-player ad-showing" data-stream="hls" data-src="\/media\/hls\/first-snow\/master.m3u8" data-ad-src="\/media\/hls\/ad\/master.m3u8" data-intro-end="8" data-phase="ad">\s*<video id="player" preload="auto" playsinline><\/video>/,
    );
    expect(text).not.toMatch(/<video[^>]*controls/);
    expect(text).toContain('<div class="film-actions">');
    expect(text).toContain('Реклама · Ad');
    expect(text).toContain('<script src="/static/player.js" defer></script>');
    expect(text).toContain('<link rel="stylesheet" href="/static/player.css">');
  });

  test('an HLS film without an ad starts in the film', async () => {
    const text = await html('/films/long-road');
    expect(text).toContain(
      'data-stream="hls" data-src="/media/hls/long-road/master.m3u8" data-ad-src="" data-intro-end="20" data-phase="film"',
    );
    expect(text).not.toContain('ad-showing');
  });

  test('?stream=progressive plays the same film’s .webm in the cinema player, no ad', async () => {
    const text = await html('/films/first-snow?stream=progressive');
    expect(text).toContain(
      'data-stream="progressive" data-src="/media/first-snow.webm" data-ad-src="" data-intro-end="8" data-phase="film"',
    );
    // Anything else asked for is the film's own stream.
    expect(await html('/films/first-snow?stream=%22%3E')).toContain('data-stream="hls"');
  });

  test('night-train keeps the bare <video controls> and loads no player script', async () => {
    const text = await html('/films/night-train');
    expect(text).toContain(
      '<video id="player" src="/media/night-train.webm" controls preload="auto">',
    );
    expect(text).not.toContain('player.js');
    expect(text).not.toContain('player.css');
  });

  test('the player script (with hls.js) and its styles are served', async () => {
    const script = await get(cinema.url, '/static/player.js');
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toContain('text/javascript');
    const code = await script.text();
    expect(code).toContain('cinema-player');
    expect(code.length).toBeGreaterThan(100_000); // hls.js is in it, not fetched from elsewhere
    expect(code).not.toMatch(/https?:\/\/(cdn|unpkg|jsdelivr)/);
    const css = await get(cinema.url, '/static/player.css');
    expect(css.headers.get('content-type')).toContain('text/css');
    expect(await css.text()).toContain('.ad-showing');
  }, 30_000);
});

describe('without the streams', () => {
  let cinema: RunningCinema;
  let empty: string;
  beforeAll(async () => {
    empty = await mkdtemp(join(tmpdir(), 'kino-no-hls-'));
    cinema = await startCinema({ port: 0, hlsDir: empty, generateHls: false });
  });
  afterAll(async () => {
    await cinema?.stop();
    await rm(empty, { recursive: true, force: true });
  });

  test('HLS films play their .webm in the cinema player, without the ad', async () => {
    const text = await (await get(cinema.url, '/films/first-snow')).text();
    expect(text).toContain('data-stream="progressive" data-src="/media/first-snow.webm"');
    expect(text).toContain('data-phase="film"');
    expect((await get(cinema.url, '/media/hls/first-snow/master.m3u8')).status).toBe(404);
    const { films } = (await (await get(cinema.url, '/api/films')).json()) as {
      films: { id: string; hlsUrl: string | null }[];
    };
    expect(films.every((f) => f.hlsUrl === null)).toBe(true);
  });
});
