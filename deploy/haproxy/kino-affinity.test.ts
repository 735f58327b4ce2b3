/**
 * kino.cfg in a real HAProxy, on free ports, in front of three stand-in instances that say
 * who they are: every WebSocket of a room (`/ws?room=<id>`, as the extension opens it) lands
 * on the same instance, rooms spread over all of them, and a room whose instance goes down
 * moves while the others stay where they were (consistent hashing).
 */
import { afterAll, beforeAll, expect, test } from 'bun:test';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Server, Subprocess } from 'bun';
import { webSocketUrl } from '../../extension/src/settings/settings.ts';

const CONFIG_PATH = join(import.meta.dir, 'kino.cfg');
const MAKE_CERTS = join(import.meta.dir, '../tls/make-test-certs.sh');
const HOST = 'together.example.com';
const haproxy = Bun.which('haproxy', { PATH: `${process.env.PATH}:/usr/sbin` });

async function freePort(): Promise<number> {
  const probe = Bun.listen({ hostname: '127.0.0.1', port: 0, socket: { data() {} } });
  const port = probe.port;
  probe.stop(true);
  return port;
}

/** A stand-in backend: healthy, and tells each WebSocket its name. */
function standIn(name: string): Server<undefined> {
  return Bun.serve({
    hostname: '127.0.0.1',
    port: 0,
    fetch(request, server) {
      if (new URL(request.url).pathname === '/ws' && server.upgrade(request)) return;
      return new Response('ok');
    },
    websocket: {
      open(ws) {
        ws.send(name);
      },
      message() {},
    },
  });
}

let dir = '';
let proxy: Subprocess | null = null;
let httpsPort = 0;
const instances = new Map<string, Server<undefined>>();

/** Which instance the balancer sends a WebSocket of `roomId` to. */
async function landsOn(roomId: string): Promise<string> {
  const url = webSocketUrl(`https://127.0.0.1:${httpsPort}`, roomId);
  // Bun's WebSocket takes headers and TLS options (the DOM typing does not know them).
  const options = { headers: { Host: HOST }, tls: { rejectUnauthorized: false } };
  const ws = new WebSocket(url, options as unknown as string[]);
  try {
    return await new Promise<string>((resolve, reject) => {
      ws.addEventListener('message', (event) => resolve(String(event.data)), { once: true });
      ws.addEventListener('error', () => reject(new Error(`no WebSocket for ${roomId}`)));
      setTimeout(() => reject(new Error(`timed out for ${roomId}`)), 5_000);
    });
  } finally {
    ws.close();
  }
}

async function until(check: () => Promise<boolean>, what: string, ms = 15_000) {
  const deadline = Date.now() + ms;
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`${what} did not happen`);
    await Bun.sleep(200);
  }
}

const rooms = Array.from({ length: 30 }, (_, i) => `room_${i.toString(36)}_${i * 7919}`);

beforeAll(async () => {
  if (!haproxy) return;
  dir = await mkdtemp(join(tmpdir(), 'kino-haproxy-affinity-'));
  const certs = Bun.spawnSync([MAKE_CERTS, dir, HOST], { stderr: 'pipe' });
  if (certs.exitCode !== 0) throw new Error(certs.stderr.toString());
  for (const name of ['api1', 'api2', 'api3']) instances.set(name, standIn(name));
  httpsPort = await freePort();
  const address = (name: string) => `127.0.0.1:${instances.get(name)!.port}`;
  proxy = Bun.spawn([haproxy, '-db', '-f', CONFIG_PATH], {
    env: {
      PATH: process.env.PATH,
      KINO_HTTPS_PORT: String(httpsPort),
      KINO_HTTP_PORT: String(await freePort()),
      KINO_TLS_CERT: join(dir, 'server.pem'),
      KINO_API_HOST: HOST,
      KINO_API_1: address('api1'),
      KINO_API_2: address('api2'),
      KINO_API_3: address('api3'),
    },
    stdout: 'ignore',
    stderr: 'ignore',
  });
  // Every instance up (health checks every 2 s, up after 2): each one takes some room.
  await until(async () => {
    const seen = new Set(await Promise.all(rooms.map(landsOn)));
    return seen.size === 3;
  }, 'all three instances taking rooms');
}, 30_000);

afterAll(async () => {
  proxy?.kill();
  await proxy?.exited;
  for (const server of instances.values()) server.stop(true);
  if (dir) await rm(dir, { recursive: true, force: true });
});

test.skipIf(!haproxy)(
  'a room’s WebSockets all land on one instance; rooms spread',
  async () => {
    const placed = new Map<string, string>();
    for (const roomId of rooms) {
      const first = await landsOn(roomId);
      placed.set(roomId, first);
      // Five more members of the same room: the same instance every time.
      for (let i = 0; i < 5; i++) expect(await landsOn(roomId)).toBe(first);
    }
    const perInstance = new Map<string, number>();
    for (const name of placed.values()) perInstance.set(name, (perInstance.get(name) ?? 0) + 1);
    expect([...perInstance.keys()].sort()).toEqual(['api1', 'api2', 'api3']);

    // api2 goes down: its rooms move, every other room stays where it was.
    instances.get('api2')!.stop(true);
    await until(
      async () => (await landsOn(rooms.find((r) => placed.get(r) === 'api2')!)) !== 'api2',
      'api2 marked down',
    );
    for (const roomId of rooms) {
      const now = await landsOn(roomId);
      if (placed.get(roomId) === 'api2') expect(now).not.toBe('api2');
      else expect(now).toBe(placed.get(roomId)!);
    }
  },
  60_000,
);
