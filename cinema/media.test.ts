import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { join } from 'node:path';
import { type RunningCinema, startCinema } from './server.ts';

const CLIP = join(import.meta.dir, 'media', 'night-train.webm');
let cinema: RunningCinema;
let clip: Uint8Array<ArrayBuffer>;
beforeAll(async () => {
  cinema = await startCinema({ port: 0 });
  clip = new Uint8Array(await Bun.file(CLIP).arrayBuffer());
});
afterAll(() => cinema.stop());

const media = (file: string, range?: string) =>
  fetch(`${cinema.url}/media/${file}`, { headers: range ? { Range: range } : {} });

describe('GET /media/:file', () => {
  test('without Range: 200, the whole file, video/webm, Accept-Ranges', async () => {
    const res = await media('night-train.webm');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('video/webm');
    expect(res.headers.get('accept-ranges')).toBe('bytes');
    expect(Number(res.headers.get('content-length'))).toBe(clip.length);
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(clip);
  });

  test('a byte range: 206 with Content-Range and exactly those bytes', async () => {
    const res = await media('night-train.webm', 'bytes=1000-1999');
    expect(res.status).toBe(206);
    expect(res.headers.get('content-range')).toBe(`bytes 1000-1999/${clip.length}`);
    expect(res.headers.get('content-type')).toBe('video/webm');
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(clip.slice(1000, 2000));
  });

  test('open-ended and suffix ranges', async () => {
    const tail = await media('night-train.webm', `bytes=${clip.length - 10}-`);
    expect(tail.status).toBe(206);
    expect(new Uint8Array(await tail.arrayBuffer())).toEqual(clip.slice(clip.length - 10));
    const suffix = await media('night-train.webm', 'bytes=-5');
    expect(new Uint8Array(await suffix.arrayBuffer())).toEqual(clip.slice(clip.length - 5));
  });

  test('an unsatisfiable range: 416 with the size', async () => {
    const res = await media('night-train.webm', `bytes=${clip.length}-`);
    expect(res.status).toBe(416);
    expect(res.headers.get('content-range')).toBe(`bytes */${clip.length}`);
    expect((await media('night-train.webm', 'bytes=oops')).status).toBe(416);
  });

  test('every committed clip is served, including the 12-minute one', async () => {
    for (const file of ['long-road.webm', 'first-snow.webm', 'harbor-lights.webm']) {
      const res = await media(file, 'bytes=0-3');
      expect(res.status).toBe(206);
      // The EBML magic number every WebM file starts with.
      expect([...new Uint8Array(await res.arrayBuffer())]).toEqual([0x1a, 0x45, 0xdf, 0xa3]);
    }
  });

  test.each([
    'nope.webm',
    '..%2Fserver.ts',
    '..%2F..%2Fpackage.json',
    '%2Fetc%2Fpasswd',
    'make-media.sh',
  ])('%p is a 404, never a file outside the clips', async (file) => {
    const res = await media(file);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('application/json');
  });

  test('a dot-dot path does not escape the media folder', async () => {
    // fetch normalises "/media/../server.ts" to "/server.ts": a page 404, not a file.
    const res = await fetch(`${cinema.url}/media/../server.ts`);
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain('startCinema');
  });
});
