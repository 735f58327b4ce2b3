import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { type RunningCinema, startCinema } from './server.ts';

let cinema: RunningCinema;
let annaCookie: string;
beforeAll(async () => {
  cinema = await startCinema({ port: 0 });
  const login = await fetch(`${cinema.url}/api/login`, {
    method: 'POST',
    body: JSON.stringify({ login: 'anna', password: 'kino' }),
  });
  annaCookie = login.headers.getSetCookie()[0]!.split(';')[0]!;
});
afterAll(() => cinema.stop());

const page = async (path: string, cookie?: string) => {
  const res = await fetch(`${cinema.url}${path}`, { headers: cookie ? { Cookie: cookie } : {} });
  return { res, text: await res.text() };
};

describe('home', () => {
  test('lists every film with a link to its page', async () => {
    const { res, text } = await page('/');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    for (const id of ['night-train', 'long-road', 'first-snow', 'harbor-lights']) {
      expect(text).toContain(`href="/films/${id}"`);
    }
    expect(text).toContain('Ночной поезд');
    expect(text).toContain('href="/login?next=%2F"');
  });

  test('shows who is signed in and a sign-out control', async () => {
    const { text } = await page('/', annaCookie);
    expect(text).toContain('data-user-id="anna"');
    expect(text).toContain('Анна');
    expect(text).toContain('action="/logout"');
  });
});

describe('film page', () => {
  test('has the contract markup for the extension, signed out too', async () => {
    const { res, text } = await page('/films/night-train');
    expect(res.status).toBe(200);
    expect(text).toContain('<main class="film" data-film-id="night-train">');
    expect(text).toMatch(
      /<div class="player">\s*<video id="player" src="\/media\/night-train\.webm" controls preload="auto"><\/video>\s*<\/div>\s*<div class="film-actions">/,
    );
    expect(text).toContain('2024');
    expect(text).toContain('Двое незнакомцев');
  });

  test("marks a film on the user's Want to watch list", async () => {
    const login = await fetch(`${cinema.url}/api/login`, {
      method: 'POST',
      body: JSON.stringify({ login: 'boris', password: 'kino' }),
    });
    const boris = login.headers.getSetCookie()[0]!.split(';')[0]!;
    expect((await page('/films/night-train', boris)).text).toContain('Хочу посмотреть');
    expect((await page('/films/night-train', annaCookie)).text).not.toContain('Хочу посмотреть');
  });

  test('an unknown film is an HTML 404 page', async () => {
    const { res, text } = await page('/films/nope');
    expect(res.status).toBe(404);
    expect(text).toContain('<!doctype html>');
  });
});

describe('sign-in page and assets', () => {
  test('the form posts login and password and keeps a local next', async () => {
    const { res, text } = await page('/login?next=%2Ffilms%2Flong-road');
    expect(res.status).toBe(200);
    expect(text).toContain('method="post" action="/login"');
    expect(text).toContain('name="login"');
    expect(text).toContain('name="password" type="password"');
    expect(text).toContain('name="next" value="/films/long-road"');
  });

  test('the stylesheet is served as CSS', async () => {
    const res = await fetch(`${cinema.url}/static/style.css`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/css');
    expect(await res.text()).toContain('.film-actions');
  });

  test('the sign-out form clears the cookie and goes home', async () => {
    const res = await fetch(`${cinema.url}/logout`, { method: 'POST', redirect: 'manual' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/');
    expect(res.headers.getSetCookie()[0]).toContain('Max-Age=0');
  });
});

describe('not found and wrong methods', () => {
  test('unknown /api routes are JSON 404s', async () => {
    for (const path of ['/api/nope', '/api', '/api/service/nope']) {
      const res = await fetch(`${cinema.url}${path}`);
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toContain('application/json');
      expect(((await res.json()) as { error: string }).error).toBeString();
    }
  });

  test('unknown pages are an HTML 404 page', async () => {
    const { res, text } = await page('/no/such/page');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(text).toContain('404');
  });

  test('a wrong method is a 405 JSON error with Allow', async () => {
    const res = await fetch(`${cinema.url}/api/login`);
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('POST');
    expect(((await res.json()) as { error: string }).error).toBeString();
  });

  test('GET /api/films lists the catalogue', async () => {
    const body = (await (await fetch(`${cinema.url}/api/films`)).json()) as {
      films: { id: string; url: string; durationSec: number }[];
    };
    expect(body.films.map((f) => f.id)).toEqual([
      'night-train',
      'long-road',
      'first-snow',
      'harbor-lights',
    ]);
    expect(body.films[0]!.url).toBe(`${cinema.url}/films/night-train`);
  });
});
