import { describe, expect, test } from 'bun:test';
import { SAMPLE_ROOM } from '@kino/shared/http/test-fixtures';
import { createBackendClient, type FetchLike, retryAfterSeconds } from './backend-client';

function fakeFetch(status: number, body: unknown, seen: Request[] = []): FetchLike {
  return async (input, init) => {
    seen.push(new Request(input, init));
    return new Response(JSON.stringify(body), { status });
  };
}

const room = SAMPLE_ROOM;

describe('backend client', () => {
  test('matches sends the bearer token and parses the list', async () => {
    const seen: Request[] = [];
    const client = createBackendClient(
      'http://b.test',
      fakeFetch(200, { matches: [{ id: 'boris', name: 'Boris' }] }, seen),
    );
    const result = await client.matches('tok', { filmId: 'night train' });
    expect(result).toEqual({ ok: true, data: [{ id: 'boris', name: 'Boris' }] });
    expect(seen[0]?.url).toBe('http://b.test/api/films/night%20train/matches');
    expect(seen[0]?.headers.get('authorization')).toBe('Bearer tok');
  });

  test('a page the cinema does not know offers all friends', async () => {
    const seen: Request[] = [];
    const client = createBackendClient('http://b.test', fakeFetch(200, { matches: [] }, seen));
    await client.matches('tok', { page: { url: 'http://e.test/watch', title: 'Watch' } });
    expect(seen[0]?.url).toBe('http://b.test/api/friends');
  });

  test('createRoom posts JSON and parses the room', async () => {
    const seen: Request[] = [];
    const client = createBackendClient('http://b.test', fakeFetch(201, room, seen));
    const result = await client.createRoom('tok', { filmId: 'night-train', invitees: ['boris'] });
    expect(result.ok && result.data.joinUrl).toBe(room.joinUrl);
    expect(seen[0]?.method).toBe('POST');
    expect(await seen[0]?.json()).toEqual({ filmId: 'night-train', invitees: ['boris'] });
  });

  test('an error body becomes a typed error', async () => {
    const client = createBackendClient(
      'http://b.test',
      fakeFetch(403, { error: 'not invited', code: 'forbidden' }),
    );
    expect(await client.getRoom('tok', 'r1')).toEqual({
      ok: false,
      error: { code: 'forbidden', message: 'not invited', status: 403 },
    });
    const owner = { id: 'anna', name: 'Анна' };
    const withDetails = createBackendClient(
      'http://b.test',
      fakeFetch(403, { error: 'not invited', code: 'room_forbidden', details: { owner } }),
    );
    const refused = await withDetails.getRoom('tok', 'r1');
    expect(!refused.ok && refused.error.details).toEqual({ owner });
  });

  test('a malformed success body is a bad_response, not a crash', async () => {
    const client = createBackendClient('http://b.test', fakeFetch(200, { matches: 'nope' }));
    const result = await client.matches('tok', { filmId: 'f' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('bad_response');
  });

  test('an unreachable server is a network error', async () => {
    const client = createBackendClient('http://b.test', async () => {
      throw new TypeError('fetch failed');
    });
    const result = await client.closeRoom('tok', 'r1');
    expect(!result.ok && result.error.code).toBe('network');
  });
});

describe('errors that say when to retry', () => {
  test('429 and 503 carry Retry-After and details', async () => {
    const client = createBackendClient('http://b.test', async () =>
      Response.json(
        { error: 'wait', code: 'quota_rooms', details: { limit: 5 } },
        { status: 429, headers: { 'retry-after': '480' } },
      ),
    );
    expect(await client.createRoom('tok', { filmId: 'f', invitees: [] })).toEqual({
      ok: false,
      error: {
        code: 'quota_rooms',
        message: 'wait',
        status: 429,
        retryAfterSeconds: 480,
        details: { limit: 5 },
      },
    });
  });

  test('Retry-After as seconds or as a date', () => {
    expect(retryAfterSeconds('120')).toBe(120);
    expect(retryAfterSeconds(new Date(10_000).toUTCString(), 0)).toBe(10);
    expect(retryAfterSeconds(null)).toBeUndefined();
    expect(retryAfterSeconds('soon')).toBeUndefined();
  });
});
