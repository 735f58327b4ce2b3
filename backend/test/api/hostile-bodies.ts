/** Request bodies: bounded before they are read, the token checked first, JSON only. */
import { expect, test } from 'bun:test';
import { MAX_REQUEST_BODY_BYTES } from '@kino/shared/http/rooms';
import { TRANSPORT_MAX_BODY_BYTES } from '../../src/http/body-guard.ts';
import { flood } from '../support/raw-http.ts';
import { tokenFor } from '../support/tokens.ts';
import type { StartedBackend } from './hostile-stack.ts';

const MB = 1024 * 1024;

interface Answer {
  status: number;
  json: { code?: string; error?: string; details?: { maxBytes?: number } } | null;
}

async function post(
  backend: StartedBackend,
  path: string,
  body: BodyInit,
  headers: Record<string, string>,
): Promise<Answer> {
  const response = await fetch(`${backend.url}${path}`, { method: 'POST', body, headers });
  return { status: response.status, json: await response.json().catch(() => null) };
}

/** Pings /health every 20 ms while `during` runs; the slowest answer and how many came. */
async function healthDuring<T>(backend: StartedBackend, during: Promise<T>) {
  let done = false;
  let slowest = 0;
  let answered = 0;
  const pinger = (async () => {
    while (!done) {
      const started = performance.now();
      const response = await fetch(`${backend.url}/health`);
      if (response.status === 200) answered++;
      slowest = Math.max(slowest, performance.now() - started);
      await Bun.sleep(20);
    }
  })();
  const result = await during;
  done = true;
  await pinger;
  return { result, slowest, answered };
}

function rssMb(): number {
  Bun.gc(true);
  return process.memoryUsage().rss / MB;
}

export function hostileBodyTests(backend: () => StartedBackend): void {
  test('an over-size body is refused with 413 JSON, token or not, on every route', async () => {
    const anna = await tokenFor('anna');
    const body = JSON.stringify({
      filmId: 'night-train',
      invitees: [],
      pad: ' '.repeat(MAX_REQUEST_BODY_BYTES + 1000),
    });
    for (const path of ['/api/rooms', '/api/rooms/AAAAAAAAAAAAAAAAAAAAAA/close', '/api/me']) {
      const auths: Record<string, string>[] = [{}, { authorization: `Bearer ${anna}` }];
      for (const auth of auths) {
        const answer = await post(backend(), path, body, {
          'content-type': 'application/json',
          ...auth,
        });
        expect({ path, status: answer.status, code: answer.json?.code }).toEqual({
          path,
          status: 413,
          code: 'body_too_large',
        });
        expect(answer.json?.details?.maxBytes).toBe(MAX_REQUEST_BODY_BYTES);
      }
    }
  });

  test('a 100 MB body is refused before it is read: fast, /health prompt, memory flat', async () => {
    const anna = await tokenFor('anna');
    const before = rssMb();
    const cases: {
      label: string;
      headers: Record<string, string>;
      chunked: boolean;
      status: number[];
    }[] = [
      { label: 'no token, Content-Length', headers: {}, chunked: false, status: [413] },
      { label: 'no token, chunked', headers: {}, chunked: true, status: [401] },
      {
        label: 'bad token, chunked',
        headers: { authorization: 'Bearer x.y.z' },
        chunked: true,
        status: [401],
      },
      {
        label: 'signed in, chunked',
        headers: { authorization: `Bearer ${anna}` },
        chunked: true,
        status: [413],
      },
    ];
    for (const c of cases) {
      const { result, slowest, answered } = await healthDuring(
        backend(),
        flood({
          port: backend().port,
          path: '/api/rooms',
          headers: { 'content-type': 'application/json', ...c.headers },
          bodyBytes: 100 * MB,
          chunked: c.chunked,
        }),
      );
      // Answered while most of the body was still unsent (what was sent sat in socket buffers).
      expect({ label: c.label, status: c.status.includes(result.status) }).toEqual({
        label: c.label,
        status: true,
      });
      expect(result.bytesSent).toBeLessThan(16 * MB);
      expect(answered).toBeGreaterThan(0);
      console.log(
        `[hostile] 100 MB POST (${c.label}): ${result.status} after ${result.ms} ms, ` +
          `${(result.bytesSent / MB).toFixed(1)} MB accepted by the socket, /health slowest ${slowest.toFixed(0)} ms`,
      );
    }
    const growth = rssMb() - before;
    console.log(`[hostile] RSS growth over four 100 MB floods: ${growth.toFixed(1)} MB`);
    expect(growth).toBeLessThan(64);
  }, 60_000);

  test('a chunked body in small pieces is counted as it streams and cut off at the limit', async () => {
    const anna = await tokenFor('anna');
    // Under Bun's transport cap, so only the app's streaming count can refuse it.
    const bodyBytes = TRANSPORT_MAX_BODY_BYTES / 2;
    expect(bodyBytes).toBeGreaterThan(MAX_REQUEST_BODY_BYTES);
    const result = await flood({
      port: backend().port,
      path: '/api/rooms',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${anna}` },
      bodyBytes,
      chunked: true,
      chunkBytes: 1024,
    });
    // Our own JSON 413 (Bun's transport cap answers without a content type).
    expect(result.status).toBe(413);
    expect(result.response.toLowerCase()).toContain('content-type: application/json');
  });

  test('the token is checked before the body: a bad token gets 401 whatever the body', async () => {
    for (const body of ['{"filmId": ', 'not json at all', '\xff\xfe', '']) {
      const answer = await post(backend(), '/api/rooms', body, {
        'content-type': 'application/json',
        authorization: 'Bearer forged.token.here',
      });
      expect({ body, status: answer.status }).toEqual({ body, status: 401 });
    }
  });

  test('only JSON is accepted (415), as well-formed UTF-8 (400)', async () => {
    const anna = await tokenFor('anna');
    const auth = { authorization: `Bearer ${anna}` };
    const json = JSON.stringify({ filmId: 'night-train', invitees: [] });
    for (const type of [
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/jsonx',
    ]) {
      const answer = await post(backend(), '/api/rooms', json, { 'content-type': type, ...auth });
      expect({ type, status: answer.status, code: answer.json?.code }).toEqual({
        type,
        status: 415,
        code: 'unsupported_media_type',
      });
    }
    const broken = new Uint8Array([
      ...new TextEncoder().encode('{"filmId":"'),
      0xc0,
      0xaf,
      0x22,
      0x7d,
    ]);
    const answer = await post(backend(), '/api/rooms', broken, {
      'content-type': 'application/json',
      ...auth,
    });
    expect(answer).toMatchObject({ status: 400, json: { code: 'invalid_body' } });
  });

  test('odd JSON within the limit is a clear 4xx, never a crash', async () => {
    const anna = await tokenFor('anna');
    const bodies = [
      '['.repeat(2000) + ']'.repeat(2000),
      `${'{"a":'.repeat(800)}1${'}'.repeat(800)}`,
      JSON.stringify(JSON.stringify({ filmId: 'night-train', invitees: [] })),
      'null',
      '1e999999',
      '"\\ud800"',
      '{"filmId":"night-train","invitees":[],"__proto__":{"admin":true}}',
      '{"filmId":"night-train","filmId":"x/y","invitees":[]}',
      JSON.stringify({ filmId: 'night-train', invitees: ['boris\u0000'] }),
      JSON.stringify({ filmId: 'night\ntrain', invitees: [] }),
      JSON.stringify({ filmId: 'ночной-поезд', invitees: [] }),
      JSON.stringify({ filmId: 'night-train', invitees: Array(51).fill('boris') }),
    ];
    for (const body of bodies) {
      const answer = await post(backend(), '/api/rooms', body, {
        'content-type': 'application/json',
        authorization: `Bearer ${anna}`,
      });
      expect({
        body: body.slice(0, 40),
        clientError: answer.status >= 400 && answer.status < 500,
      }).toEqual({
        body: body.slice(0, 40),
        clientError: true,
      });
      expect(typeof answer.json?.code).toBe('string');
    }
  });

  test('the largest body the schema allows gets past the size check', async () => {
    const anna = await tokenFor('anna');
    const id = (n: number) => `u${String(n).padStart(63, '0')}`;
    const body = JSON.stringify({
      filmId: 'f'.repeat(64),
      invitees: Array.from({ length: 50 }, (_, i) => id(i)),
      allowLinkJoin: false,
    });
    expect(new TextEncoder().encode(body).byteLength).toBeLessThanOrEqual(MAX_REQUEST_BODY_BYTES);
    const answer = await post(backend(), '/api/rooms', body, {
      'content-type': 'application/json',
      authorization: `Bearer ${anna}`,
    });
    // Checked on its merits: an unknown film, not a refusal of its size or shape.
    expect(answer).toMatchObject({ status: 404, json: { code: 'film_not_found' } });
  });
}
