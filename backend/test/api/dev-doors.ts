/**
 * Development doors: the dev outbox (every invite link and address) answers only this
 * machine, is never shared across origins, and does not exist in production.
 */
import { expect, test } from 'bun:test';
import { networkInterfaces } from 'node:os';
import { createApp } from '../../src/app.ts';
import type { StartedBackend } from './hostile-stack.ts';

/** This machine's address on a real network interface (what another host would reach). */
function externalAddress(): string | undefined {
  return Object.values(networkInterfaces())
    .flat()
    .find((a) => a && !a.internal && a.family === 'IPv4')?.address;
}

export function devDoorTests(backend: () => StartedBackend): void {
  test('the dev outbox answers on loopback, without CORS for other sites', async () => {
    for (const path of ['/dev/outbox', '/dev/outbox.html']) {
      const response = await fetch(`${backend().url}${path}`, {
        headers: { origin: 'http://evil.example' },
      });
      expect(response.status).toBe(200);
      expect(response.headers.get('access-control-allow-origin')).toBeNull();
      const preflight = await fetch(`${backend().url}${path}`, {
        method: 'OPTIONS',
        headers: { origin: 'http://evil.example', 'access-control-request-method': 'GET' },
      });
      expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    }
    // The API itself stays callable from the cinema's pages.
    const api = await fetch(`${backend().url}/api/me`, { headers: { origin: 'http://c.example' } });
    expect(api.headers.get('access-control-allow-origin')).toBe('*');
  });

  test('the dev outbox refuses anyone not on this machine', async () => {
    // In-process calls carry no peer address at all: refused like a remote peer.
    const local = await backend().app.handle(new Request('http://localhost/dev/outbox'));
    expect(local.status).toBe(404);
    const address = externalAddress();
    expect(address).toBeDefined();
    // The same backend listening on every interface, reached through the network address.
    const wide = createApp(backend().deps).listen({ port: 0, hostname: '0.0.0.0' });
    try {
      const base = `http://${address}:${wide.server!.port}`;
      expect((await fetch(`${base}/health`)).status).toBe(200);
      for (const path of ['/dev/outbox', '/dev/outbox.html']) {
        const response = await fetch(`${base}${path}`);
        expect({ path, status: response.status }).toEqual({ path, status: 404 });
        expect(await response.text()).not.toContain('@kino.example');
      }
      const viaLoopback = await fetch(`http://127.0.0.1:${wide.server!.port}/dev/outbox`);
      expect(viaLoopback.status).toBe(200);
    } finally {
      await wide.stop(true);
    }
  });

  test('production does not serve the dev outbox at all', async () => {
    const deps = backend().deps;
    const production = createApp({ ...deps, config: { ...deps.config, mode: 'production' } });
    const server = production.listen({ port: 0, hostname: '127.0.0.1' });
    try {
      for (const path of ['/dev/outbox', '/dev/outbox.html']) {
        const response = await fetch(`http://127.0.0.1:${server.server!.port}${path}`);
        expect({ path, status: response.status }).toEqual({ path, status: 404 });
      }
    } finally {
      await server.stop(true);
    }
  });
}
