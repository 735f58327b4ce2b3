import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { type RunningCinema, startCinema } from './server.ts';

const KEY = 'service-test-key';
let cinema: RunningCinema;
beforeAll(async () => {
  cinema = await startCinema({ port: 0, serviceKey: KEY, publicUrl: 'https://cinema.example/' });
});
afterAll(() => cinema.stop());

function get(path: string, key: string | null = KEY): Promise<Response> {
  const headers: HeadersInit = key === null ? {} : { Authorization: `Bearer ${key}` };
  return fetch(`${cinema.url}${path}`, { headers });
}

describe('service API auth', () => {
  test.each([
    ['no key', null],
    ['a wrong key', 'nope'],
    ['a longer key', `${KEY}x`],
    ['an empty key', ''],
  ])('401 JSON with %s', async (_name, key) => {
    for (const path of [
      '/api/service/users/anna',
      '/api/service/users/anna/friends',
      '/api/service/films/night-train',
    ]) {
      const res = await get(path, key);
      expect(res.status).toBe(401);
      expect(((await res.json()) as { error: string }).error).toBeString();
    }
  });

  test('the key must come as a Bearer token', async () => {
    const res = await fetch(`${cinema.url}/api/service/users/anna`, {
      headers: { Authorization: KEY },
    });
    expect(res.status).toBe(401);
  });
});

describe('GET /api/service/users/:id', () => {
  test('returns id, name, email, locale and the time zone when the profile has one', async () => {
    expect(await (await get('/api/service/users/anna')).json()).toEqual({
      id: 'anna',
      name: 'Анна',
      email: 'anna@kino.example',
      locale: 'ru',
      timeZone: 'Europe/Moscow',
    });
    expect(await (await get('/api/service/users/vera')).json()).not.toHaveProperty('timeZone');
    expect(
      ((await (await get('/api/service/users/dasha')).json()) as { locale: string }).locale,
    ).toBe('en');
  });

  test('404 for an unknown user', async () => {
    const res = await get('/api/service/users/zoya');
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: string }).error).toContain('zoya');
  });
});

describe('GET /api/service/users/:id/friends', () => {
  const friendIds = async (path: string) =>
    ((await (await get(path)).json()) as { friends: { id: string }[] }).friends.map((f) => f.id);

  test('anna + night-train → exactly boris and vera, with names, e-mails, locales, zones', async () => {
    const res = await get('/api/service/users/anna/friends?wantsFilm=night-train');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      friends: [
        {
          id: 'boris',
          name: 'Борис',
          email: 'boris@kino.example',
          locale: 'ru',
          timeZone: 'Asia/Yekaterinburg',
        },
        { id: 'vera', name: 'Вера', email: 'vera@kino.example', locale: 'ru' },
      ],
    });
  });

  test('without wantsFilm: all friends; friendship is symmetric', async () => {
    expect(await friendIds('/api/service/users/anna/friends')).toEqual(['boris', 'vera', 'gleb']);
    expect(await friendIds('/api/service/users/gleb/friends')).toEqual(['anna']);
    expect(await friendIds('/api/service/users/dasha/friends')).not.toContain('anna');
  });

  test('404 for an unknown user or film', async () => {
    expect((await get('/api/service/users/zoya/friends')).status).toBe(404);
    expect((await get('/api/service/users/anna/friends?wantsFilm=nope')).status).toBe(404);
  });
});

describe('GET /api/service/films/:id', () => {
  test('returns title, absolute film page url (from publicUrl) and duration', async () => {
    expect(await (await get('/api/service/films/night-train')).json()).toEqual({
      id: 'night-train',
      title: 'Ночной поезд',
      url: 'https://cinema.example/films/night-train',
      durationSec: 120,
    });
  });

  test('404 for an unknown film', async () => {
    expect((await get('/api/service/films/nope')).status).toBe(404);
  });
});

describe('default publicUrl', () => {
  test("film urls use the server's own URL when no publicUrl is given", async () => {
    const own = await startCinema({ port: 0, serviceKey: KEY });
    try {
      const res = await fetch(`${own.url}/api/service/films/long-road`, {
        headers: { Authorization: `Bearer ${KEY}` },
      });
      const body = (await res.json()) as { url: string; durationSec: number };
      expect(body.url).toBe(`${own.url}/films/long-road`);
      expect(body.durationSec).toBe(720);
    } finally {
      await own.stop();
    }
  });
});
