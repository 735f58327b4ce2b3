import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { type RunningCinema, startCinema } from '@kino/cinema/server';
import { DependencyUnavailableError } from '../faults/unavailable.ts';
import { HttpError } from '../http/errors.ts';
import { createHttpDirectory, DIRECTORY_RETRY_AFTER_MS } from './http-client.ts';

type Failure = { status: number; code: string } | { unavailable: string; retryAfterMs: number };

async function failure(run: () => Promise<unknown>): Promise<Failure> {
  try {
    await run();
  } catch (error) {
    if (error instanceof DependencyUnavailableError) {
      return { unavailable: error.dependency, retryAfterMs: error.retryAfterMs };
    }
    expect(error).toBeInstanceOf(HttpError);
    return { status: (error as HttpError).status, code: (error as HttpError).code };
  }
  throw new Error('expected a failure');
}

const unavailable = { unavailable: 'directory', retryAfterMs: DIRECTORY_RETRY_AFTER_MS };

describe('directory client against the demo cinema', () => {
  let cinema: RunningCinema;
  beforeAll(async () => {
    cinema = await startCinema({ port: 0 });
  });
  afterAll(() => cinema?.stop());

  const directory = () =>
    createHttpDirectory({ baseUrl: cinema.url, serviceKey: 'dev-service-key' });

  test('profile, friends, wants-to-watch filter, film', async () => {
    const d = directory();
    expect(await d.getUser('anna')).toEqual({
      id: 'anna',
      name: 'Анна',
      email: 'anna@kino.example',
      locale: 'ru',
      timeZone: 'Europe/Moscow',
    });
    expect((await d.getFriends('anna')).map((f) => f.id).sort()).toEqual(['boris', 'gleb', 'vera']);
    const boris = (await d.getFriends('anna')).find((f) => f.id === 'boris');
    expect(boris).toMatchObject({ locale: 'ru', timeZone: 'Asia/Yekaterinburg' });
    expect(
      (await d.getFriends('anna', { wantsFilm: 'night-train' })).map((f) => f.id).sort(),
    ).toEqual(['boris', 'vera']);
    expect(await d.getFilm('night-train')).toMatchObject({
      id: 'night-train',
      url: `${cinema.url}/films/night-train`,
    });
  });

  test('unknown ids are null (or no friends), not errors', async () => {
    const d = directory();
    expect(await d.getUser('nobody')).toBeNull();
    expect(await d.getFilm('nothing')).toBeNull();
    expect(await d.getFriends('nobody')).toEqual([]);
  });

  test('a wrong service key is a bad gateway, not a crash', async () => {
    const d = createHttpDirectory({ baseUrl: cinema.url, serviceKey: 'wrong' });
    expect(await failure(() => d.getUser('anna'))).toEqual({
      status: 502,
      code: 'cinema_bad_response',
    });
  });
});

describe('directory client when the cinema misbehaves', () => {
  test('down: unavailable (503 + Retry-After over HTTP)', async () => {
    const probe = Bun.serve({ port: 0, fetch: () => new Response('') });
    const url = `http://localhost:${probe.port}`;
    probe.stop(true);
    const d = createHttpDirectory({ baseUrl: url, serviceKey: 'k' });
    expect(await failure(() => d.getFilm('x'))).toEqual(unavailable);
  });

  test('a cinema answering 502, 503 or 504 is unavailable too', async () => {
    for (const status of [502, 503, 504]) {
      const server = Bun.serve({ port: 0, fetch: () => new Response('busy', { status }) });
      try {
        const d = createHttpDirectory({
          baseUrl: `http://localhost:${server.port}`,
          serviceKey: 'k',
        });
        expect(await failure(() => d.getUser('anna'))).toEqual(unavailable);
      } finally {
        server.stop(true);
      }
    }
  });

  test('slow: unavailable after the timeout', async () => {
    const slow = Bun.serve({ port: 0, fetch: () => Bun.sleep(2000).then(() => Response.json({})) });
    try {
      const d = createHttpDirectory({
        baseUrl: `http://localhost:${slow.port}`,
        serviceKey: 'k',
        timeoutMs: 100,
      });
      const started = Date.now();
      const result = await failure(() => d.getUser('anna'));
      expect(result).toEqual(unavailable);
      expect(Date.now() - started).toBeLessThan(1500);
    } finally {
      slow.stop(true);
    }
  });

  test('garbage or a 500: 502', async () => {
    const bodies = [
      () => new Response('<html>oops</html>'),
      () => Response.json({ friends: [{ id: 1 }] }),
      () => Response.json({ id: 'x' }),
      () => new Response('boom', { status: 500 }),
    ];
    for (const body of bodies) {
      const server = Bun.serve({ port: 0, fetch: body });
      try {
        const d = createHttpDirectory({
          baseUrl: `http://localhost:${server.port}`,
          serviceKey: 'k',
        });
        expect(await failure(() => d.getFriends('anna'))).toEqual({
          status: 502,
          code: 'cinema_bad_response',
        });
        expect(await failure(() => d.getFilm('f'))).toEqual({
          status: 502,
          code: 'cinema_bad_response',
        });
      } finally {
        server.stop(true);
      }
    }
  });
});
