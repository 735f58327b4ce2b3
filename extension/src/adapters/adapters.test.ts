import { describe, expect, test } from 'bun:test';
import { Window } from 'happy-dom';
import { createDemoCinemaAdapter } from './demo-cinema';
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
    expect(adapter.filmId(doc, new URL(doc.URL))).toBe('night-train');
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
});

test('parseSession rejects partial bodies', () => {
  expect(parseSession({ accessToken: 'x' })).toBeNull();
  expect(parseSession({ accessToken: 'x', user: { id: 'a' } })).toBeNull();
  expect(parseSession(null)).toBeNull();
});
