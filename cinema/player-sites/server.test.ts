/** «Экран» over HTTP: its pages, the players' files from node_modules, its media. */
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { hasFfmpeg } from '@kino/test-support/services';
import { PLAYER_PAGES } from './pages/catalog.ts';
import { type RunningPlayerSites, startPlayerSites } from './server.ts';
import { VENDOR_FILES } from './vendor.ts';

let sites: RunningPlayerSites;
beforeAll(async () => {
  sites = await startPlayerSites({ port: 0 });
}, 180_000);
afterAll(() => sites?.stop());

const get = (path: string, init?: RequestInit) => fetch(`${sites.url}${path}`, init);

/** Every src/href of a page. */
const references = (page: string) =>
  [...page.matchAll(/\s(?:src|href)="([^"]*)"/g)].map((m) => m[1] ?? '');

describe('pages', () => {
  test('the index links every player page', async () => {
    const text = await (await get('/')).text();
    for (const page of PLAYER_PAGES) expect(text).toContain(`href="/watch/${page.id}"`);
  });

  test.each(PLAYER_PAGES.map((p) => [p.id]))(
    '/watch/%s has a title, a canonical URL and only same-origin files',
    async (id) => {
      const res = await get(`/watch/${id}?utm_source=mail#t=10`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('text/html');
      const text = await res.text();
      // The canonical URL is the page's own, without the query.
      expect(text).toContain(`<link rel="canonical" href="${sites.url}/watch/${id}">`);
      expect(text).toMatch(/<title>[^<]+ \(\d{4}\) — смотреть онлайн — Экран<\/title>/);
      expect(text).toContain('<meta property="og:title"');
      const foreign = references(text).filter(
        (ref) => !/^(\/(?!\/)|data:|#)/.test(ref) && !ref.startsWith(`${sites.url}/`),
      );
      expect(foreign).toEqual([]);
    },
  );

  test('an unknown page is an HTML 404 without a canonical URL', async () => {
    const res = await get('/watch/nope');
    expect(res.status).toBe(404);
    const text = await res.text();
    expect(text).toContain('<!doctype html>');
    expect(text).not.toContain('rel="canonical"');
    expect((await get('/no/such/thing')).status).toBe(404);
  });

  test('pages are GET only', async () => {
    expect((await get('/watch/plyr', { method: 'POST' })).status).toBe(405);
  });
});

describe('players from node_modules', () => {
  test.each(Object.entries(VENDOR_FILES).map(([name, file]) => [name, file.type]))(
    '/vendor/%s is served as %s',
    async (name, type) => {
      const res = await get(`/vendor/${name}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe(type);
      expect((await res.text()).length).toBeGreaterThan(1000);
    },
  );

  test('Shaka’s stylesheet does not send the page to a font CDN', async () => {
    const css = await (await get('/vendor/shaka-player/controls.css')).text();
    expect(css).not.toContain('fonts.gstatic.com');
    expect(css).toContain('src:local("Roboto")');
  });

  test.each([
    '/vendor/video.js/package.json',
    '/vendor/video.js/..%2Fpackage.json',
    '/vendor/..%2F..%2F..%2Fpackage.json/x',
    '/vendor/plyr/plyr.js',
    '/vendor/nope/nope.js',
    '/assets/nope.js',
    '/assets/..%2Fserver.ts',
  ])('%s is a 404', async (path) => {
    const res = await get(path);
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain('startPlayerSites');
  });

  test('the page scripts that import players are bundled', async () => {
    for (const name of ['media-chrome.js', 'swapping-player.js']) {
      const res = await get(`/assets/${name}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('text/javascript');
      expect((await res.text()).length).toBeGreaterThan(50_000);
    }
  }, 30_000);
});

describe.skipIf(!hasFfmpeg)('media', () => {
  test('the cinema’s HLS streams and clips, with Range', async () => {
    const master = await get('/media/hls/first-snow/master.m3u8');
    expect(master.headers.get('content-type')).toBe('application/vnd.apple.mpegurl');
    const seg = await get('/media/hls/first-snow/180p/seg001.m4s', {
      headers: { Range: 'bytes=0-9' },
    });
    expect(seg.status).toBe(206);
    expect((await seg.bytes()).length).toBe(10);
    const clip = await get('/media/night-train.webm', { headers: { Range: 'bytes=0-3' } });
    expect([...(await clip.bytes())]).toEqual([0x1a, 0x45, 0xdf, 0xa3]);
    expect((await get('/media/hls/first-snow/recipe.json')).status).toBe(404);
  });
});
