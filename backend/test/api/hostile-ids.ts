/**
 * Ids that cannot exist are "not found" on every route that takes one, never a 5xx: control
 * characters, overlong, broken percent-encoding, slashes, dots, quotes, unicode.
 */
import { expect, test } from 'bun:test';
import { tokenFor } from '../support/tokens.ts';
import { createRoom, type StartedBackend } from './hostile-stack.ts';

/** Path segments as sent (already percent-encoded where they are encoded). */
export const IMPOSSIBLE_IDS = [
  '%00',
  'a%00b',
  '%01',
  '%1F',
  '%7F',
  '%0A',
  '%0D%0Aset-cookie:%20x=1',
  '%09',
  '%20',
  'a%20b',
  'x'.repeat(65),
  'x'.repeat(10_000),
  '%FF',
  '%C0%AF',
  '%E0%80%AF',
  '%ED%A0%80',
  '%F4%90%80%80',
  '%',
  '%zz',
  'a%2',
  '%2F',
  'a%2Fb',
  '..%2F..%2Fetc%2Fpasswd',
  '%5C',
  '%22',
  "'%20OR%201=1--",
  '%3Cscript%3E',
  '%D0%AF',
  '%F0%9F%98%80',
  '%EF%BB%BF',
  '%E2%80%8B',
  `${'A'.repeat(21)}%00`,
];

interface Route {
  name: string;
  method: 'GET' | 'POST';
  path: (id: string) => string;
  /** Acceptable not-found codes (JSON routes); undefined for the HTML join page. */
  codes?: string[];
}

const ROUTES: Route[] = [
  {
    name: 'GET /api/rooms/:id',
    method: 'GET',
    path: (id) => `/api/rooms/${id}`,
    codes: ['not_found', 'room_not_found'],
  },
  {
    name: 'POST /api/rooms/:id/close',
    method: 'POST',
    path: (id) => `/api/rooms/${id}/close`,
    codes: ['not_found', 'room_not_found'],
  },
  {
    name: 'GET /api/films/:filmId/matches',
    method: 'GET',
    path: (id) => `/api/films/${id}/matches`,
    codes: ['not_found', 'film_not_found'],
  },
  { name: 'GET /join/:roomId', method: 'GET', path: (id) => `/join/${id}` },
];

/** Sends a raw request line (bytes a fetch() would refuse to send) and reads the status. */
async function rawStatus(port: number, target: Uint8Array): Promise<number> {
  return new Promise((resolve) => {
    let reply = '';
    void Bun.connect({
      hostname: '127.0.0.1',
      port,
      socket: {
        open(socket) {
          const head = new TextEncoder();
          socket.write(head.encode('GET '));
          socket.write(target);
          socket.write(head.encode(' HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'));
        },
        data(_socket, chunk) {
          reply += chunk.toString();
        },
        close() {
          resolve(Number(/^HTTP\/1\.1 (\d{3})/.exec(reply)?.[1] ?? 0));
        },
        error() {
          resolve(0);
        },
      },
    }).catch(() => resolve(0));
  });
}

export function hostileIdTests(backend: () => StartedBackend): void {
  test('every route with an id answers 404 for ids that cannot exist', async () => {
    const anna = await tokenFor('anna');
    for (const route of ROUTES) {
      for (const id of IMPOSSIBLE_IDS) {
        const response = await fetch(`${backend().url}${route.path(id)}`, {
          method: route.method,
          headers: {
            authorization: `Bearer ${anna}`,
            'accept-language': 'en',
            ...(route.method === 'POST' ? { 'content-type': 'application/json' } : {}),
          },
          body: route.method === 'POST' ? '{}' : undefined,
        });
        const text = await response.text();
        const seen = { route: route.name, id: id.slice(0, 30), status: response.status };
        expect(seen).toEqual({ ...seen, status: 404 });
        if (route.codes) {
          expect(route.codes).toContain(JSON.parse(text).code);
        } else {
          expect(response.headers.get('content-type')).toContain('text/html');
          expect(text).toContain('Room not found');
        }
      }
    }
  });

  test('bytes no client should send in a path get a 4xx, and the server carries on', async () => {
    const targets = [
      // Dot segments: a fetch() would resolve these away before sending.
      '/api/rooms/%2E%2E',
      '/join/%2e',
      '/join/../../etc/passwd',
      '/api/rooms/\x00',
      '/join/\x01\x02',
      '/join/\x7f',
      '/join/\xff\xfe',
      '/join/ Я',
      `/join/${'%'.repeat(5000)}`,
      `/join/${'a'.repeat(100_000)}`,
    ];
    for (const target of targets) {
      const bytes = Uint8Array.from([...target].map((c) => c.charCodeAt(0) & 0xff));
      const status = await rawStatus(backend().port, bytes);
      // Bun's HTTP parser refuses control bytes in the request line itself (it answers 505,
      // before the app sees anything) and may refuse an overlong one (414/431) or close.
      const refusedByParser = status === 0 || status === 505;
      const clientError = status >= 400 && status < 500;
      expect({ target: target.slice(0, 20), ok: refusedByParser || clientError }).toEqual({
        target: target.slice(0, 20),
        ok: true,
      });
    }
    expect((await fetch(`${backend().url}/health`)).status).toBe(200);
  });

  test('a join link with odd parameters (old invite tokens, trackers, broken encoding) still shows the room', async () => {
    const created = await createRoom(backend(), 'anna', ['boris']);
    expect(created.status).toBe(201);
    const id = created.json.id!;
    const queries = [
      'invite=%FF',
      'invite=%00',
      `invite=${'t'.repeat(10_000)}`,
      'invite=a&invite=b',
      'invite[x]=1',
      'invite',
      'utm_source=mail&utm_medium=email',
      '%FF=%FF',
    ];
    for (const query of queries) {
      const page = await fetch(`${backend().url}/join/${id}?${query}`);
      const html = await page.text();
      expect({ query: query.slice(0, 20), status: page.status }).toEqual({
        query: query.slice(0, 20),
        status: 200,
      });
      expect(html).toContain(`<meta name="kino-room" content="${id}">`);
      expect(html).not.toContain('kino-invite');
    }
  });
}
