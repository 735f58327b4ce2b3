import { describe, expect, test } from 'bun:test';
import { Window } from 'happy-dom';
import { createDemoCinemaAdapter } from './demo-cinema';
import { collectVideos, lightDomHost } from './find-videos';
import { pageFilm } from './generic';
import { pickMainVideo, scoreVideo } from './pick-video';
import { parseSession } from './types';

const FILM_PAGE = `<main class="film" data-film-id="night-train">
  <h1>Night Train</h1>
  <div class="player"><video id="player" src="/media/night-train.webm" controls></video></div>
  <div class="film-actions"><a href="/">Back</a></div>
</main>`;

function page(html: string): Document {
  const window = new Window({ url: 'http://localhost:3000/films/night-train' });
  window.document.body.innerHTML = html;
  return window.document as unknown as Document;
}

describe('demo cinema adapter', () => {
  const adapter = createDemoCinemaAdapter('http://localhost:3000', async () => ({
    accessToken: 'jwt',
    user: { id: 'anna', name: 'Anna' },
  }));

  test('matches film pages of the configured origin only', () => {
    expect(adapter.matches(new URL('http://localhost:3000/films/night-train'))).toBe(true);
    expect(adapter.matches(new URL('http://localhost:3000/'))).toBe(false);
    expect(adapter.matches(new URL('http://localhost:4000/films/night-train'))).toBe(false);
  });

  test('finds the video, the anchor and the film id', () => {
    const doc = page(FILM_PAGE);
    expect(adapter.findVideo(doc)?.id).toBe('player');
    expect(adapter.buttonAnchor(doc)?.className).toBe('film-actions');
    expect(adapter.film(doc, new URL(doc.URL))).toEqual({ filmId: 'night-train' });
  });

  test('reads the session, and a 401 body means signed out', async () => {
    expect(await adapter.getSession()).toEqual({
      accessToken: 'jwt',
      user: { id: 'anna', name: 'Anna' },
    });
    const signedOut = createDemoCinemaAdapter('http://localhost:3000', async () => ({
      error: 'not signed in',
    }));
    expect(await signedOut.getSession()).toBeNull();
  });

  test('a failing session request means signed out, not a crash', async () => {
    const broken = createDemoCinemaAdapter('http://localhost:3000', async () => {
      throw new Error('offline');
    });
    expect(await broken.getSession()).toBeNull();
  });
});

describe('generic adapter: the page is the film', () => {
  function genericPage(url: string, head: string): Document {
    const window = new Window({ url });
    window.document.head.innerHTML = head;
    return window.document as unknown as Document;
  }

  test('canonical address and title, fragment and foreign canonicals left out', () => {
    const doc = genericPage(
      'http://localhost:3001/watch/plyr?autoplay=1#kino-room=abc',
      '<title> Первый снег — Plyr </title><link rel="canonical" href="/watch/plyr">',
    );
    expect(pageFilm(doc, new URL(doc.URL))).toEqual({
      page: { url: 'http://localhost:3001/watch/plyr', title: 'Первый снег — Plyr' },
    });
    const foreign = genericPage(
      'http://localhost:3001/watch/plyr#x',
      '<meta property="og:title" content="OG title"><link rel="canonical" href="https://cdn.example/">',
    );
    expect(pageFilm(foreign, new URL(foreign.URL))).toEqual({
      page: { url: 'http://localhost:3001/watch/plyr', title: 'OG title' },
    });
  });
});

describe('main video choice', () => {
  test('a playing video beats a bigger paused one; thumbnails never win', () => {
    const videos = [
      { name: 'thumb', width: 120, height: 80, playing: true },
      { name: 'paused-big', width: 1280, height: 720, playing: false },
      { name: 'playing', width: 800, height: 450, playing: true },
    ];
    expect(pickMainVideo(videos, (v) => v)?.name).toBe('playing');
    expect(scoreVideo({ width: 120, height: 80, playing: true })).toBe(0);
    expect(pickMainVideo([videos[0]!], (v) => v)).toBeNull();
  });

  test('the paused film beats muted looping previews that play beside it', () => {
    // «Экран» /watch/several-videos: the film waits paused, two 320×180 previews play muted.
    const preview = { width: 320, height: 180, playing: true, muted: true, loop: true };
    const videos = [
      { name: 'preview-1', ...preview, durationSec: 120 },
      { name: 'film', width: 620, height: 349, playing: false, controls: true, durationSec: 90 },
      { name: 'preview-2', ...preview, durationSec: 60 },
    ];
    expect(pickMainVideo(videos, (v) => v)?.name).toBe('film');
    // Even a film muted by an autoplay policy beats them.
    expect(pickMainVideo([videos[0]!, { ...videos[1]!, muted: true }], (v) => v)?.name).toBe(
      'film',
    );
  });

  test('a film scrolled out of view loses to one on screen, but still beats nothing', () => {
    const film = { width: 800, height: 450, playing: false };
    const videos = [
      { name: 'below', ...film, visible: 0 },
      { name: 'here', ...film, width: 640, height: 360, visible: 1 },
    ];
    expect(pickMainVideo(videos, (v) => v)?.name).toBe('here');
    expect(pickMainVideo([videos[0]!], (v) => v)?.name).toBe('below');
  });
});

describe('videos in shadow roots', () => {
  test('found in open shadow roots, nested too, with the roots to observe', () => {
    const window = new Window({ url: 'http://localhost:3001/watch/media-chrome' });
    const doc = window.document as unknown as Document;
    doc.body.innerHTML =
      '<media-controller><hls-video></hls-video></media-controller><video id="light"></video>';
    const outer = doc.querySelector('media-controller')!.attachShadow({ mode: 'open' });
    outer.innerHTML = '<div><slot></slot><x-inner></x-inner></div>';
    const inner = outer.querySelector('x-inner')!.attachShadow({ mode: 'open' });
    inner.innerHTML = '<video id="deep"></video>';
    const hls = doc.querySelector('hls-video')!.attachShadow({ mode: 'open' });
    hls.innerHTML = '<video id="film"></video>';
    const found = collectVideos(doc);
    expect(found.videos.map((v) => v.id).sort()).toEqual(['deep', 'film', 'light']);
    expect(found.shadowRoots).toHaveLength(3);
    const deep = found.videos.find((v) => v.id === 'deep')!;
    expect(lightDomHost(deep).localName).toBe('media-controller');
    expect(lightDomHost(doc.querySelector('#light')!).id).toBe('light');
  });
});

test('parseSession rejects partial bodies', () => {
  expect(parseSession({ accessToken: 'x' })).toBeNull();
  expect(parseSession({ accessToken: 'x', user: { id: 'a' } })).toBeNull();
  expect(parseSession(null)).toBeNull();
});
