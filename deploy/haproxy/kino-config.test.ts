import { describe, expect, test } from 'bun:test';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TRANSPORT_MAX_BODY_BYTES } from '../../backend/src/http/body-guard.ts';
import { IDLE_TIMEOUT_MS } from '../../backend/src/realtime/limits.ts';
import { webSocketUrl } from '../../extension/src/settings/settings.ts';
import { CreateRoomBody } from '../../shared/src/http/rooms.ts';
import { WS_ROOM_PARAM } from '../../shared/src/ws-route.ts';
import { balancerFacts, parseHaproxyTime } from './config-facts.ts';

const CONFIG_PATH = join(import.meta.dir, 'kino.cfg');
const MAKE_CERTS = join(import.meta.dir, '../tls/make-test-certs.sh');
const config = await Bun.file(CONFIG_PATH).text();
const facts = balancerFacts(config);

test('parseHaproxyTime reads HAProxy’s units', () => {
  expect(parseHaproxyTime('500')).toBe(500);
  expect(parseHaproxyTime('10s')).toBe(10_000);
  expect(parseHaproxyTime('10m')).toBe(600_000);
  expect(parseHaproxyTime('1h')).toBe(3_600_000);
  expect(() => parseHaproxyTime('10 s')).toThrow('not an HAProxy time');
});

describe('kino.cfg fits the backend', () => {
  test('a WebSocket tunnel outlives the backend’s own idle limit by far', () => {
    // The backend drops a socket after IDLE_TIMEOUT_MS of silence; clients ping twice as
    // often. If the balancer cut sooner, healthy rooms would reconnect for nothing.
    expect(facts.timeouts.tunnel).toBeGreaterThanOrEqual(4 * IDLE_TIMEOUT_MS);
    expect(facts.timeouts.client).toBeGreaterThan(IDLE_TIMEOUT_MS);
    expect(facts.timeouts.server).toBeGreaterThan(IDLE_TIMEOUT_MS);
    // …while a client that never finishes its request headers is dropped quickly.
    expect(facts.timeouts['http-request']).toBeLessThanOrEqual(10_000);
  });

  test('the body limit lets the largest valid request through and little more', () => {
    const { properties } = CreateRoomBody;
    const longestId = '😀'.repeat(properties.invitees.items.maxLength!); // 4 bytes a character
    const largest = JSON.stringify({
      filmId: '😀'.repeat(properties.filmId.maxLength!),
      invitees: Array.from({ length: properties.invitees.maxItems! }, () => longestId),
      allowLinkJoin: false,
    });
    expect(new TextEncoder().encode(largest).length).toBeLessThan(facts.apiBodyLimitBytes);
    expect(facts.apiBodyLimitBytes).toBeLessThanOrEqual(1024 * 1024);
    // Bun's own cap (maxRequestBodySize) is the balancer's: what passes one passes the other.
    expect(TRANSPORT_MAX_BODY_BYTES).toBe(facts.apiBodyLimitBytes);
  });

  test('WebSockets go by room: consistent hashing on the parameter the extension sends', () => {
    expect(facts.wsBalance).toBe(`url_param ${WS_ROOM_PARAM}`);
    expect(facts.wsHashType).toBe('consistent');
    expect(new URL(webSocketUrl('https://k.example', 'r1')).searchParams.get(WS_ROOM_PARAM)).toBe(
      'r1',
    );
  });

  test('health checks ask the backend’s /health; connections spread by count', () => {
    expect(facts.healthCheckUri).toBe('/health');
    expect(facts.balance).toBe('leastconn');
    expect(facts.options).toContain('forwardfor');
    expect(facts.options).toContain('httpchk');
    expect(facts.options).toContain('redispatch 1');
    expect(config).toContain('http-request set-header X-Forwarded-Proto https');
  });
});

// Debian installs it in /usr/sbin, which a non-root PATH may lack.
const haproxy = Bun.which('haproxy', { PATH: `${process.env.PATH}:/usr/sbin` });
const isCI = process.env.CI === 'true' || process.env.CI === '1';
if (!haproxy && isCI) throw new Error('HAProxy is required in CI but is not installed');
if (!haproxy) console.warn('[deploy] haproxy not installed: the config check is skipped');

test.skipIf(!haproxy)('HAProxy accepts the file, with and without the optional parts', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'kino-haproxy-check-'));
  try {
    const certs = Bun.spawnSync([MAKE_CERTS, dir, 'together.example.com'], { stderr: 'pipe' });
    expect(certs.exitCode).toBe(0);
    const base = {
      KINO_HTTPS_PORT: '8443',
      KINO_HTTP_PORT: '8080',
      KINO_TLS_CERT: join(dir, 'server.pem'),
      KINO_API_HOST: 'together.example.com',
      KINO_API_1: '127.0.0.1:8787',
      KINO_API_2: '127.0.0.1:8788',
    };
    const optional = {
      KINO_API_3: '127.0.0.1:8789',
      KINO_CINEMA_HOST: 'cinema.example.com',
      KINO_CINEMA_UPSTREAM: '127.0.0.1:3000',
      KINO_STATS_PORT: '8404',
      KINO_ACME_PORT: '8888',
    };
    for (const env of [base, { ...base, ...optional }]) {
      const check = Bun.spawnSync([haproxy!, '-c', '-f', CONFIG_PATH], {
        env: { PATH: process.env.PATH, ...env },
        stdout: 'pipe',
        stderr: 'pipe',
      });
      const output = `${check.stdout.toString()}${check.stderr.toString()}`;
      expect({ exitCode: check.exitCode, output }).toMatchObject({ exitCode: 0 });
      expect(output).toContain('Configuration file is valid');
      expect(output).not.toContain('[ALERT]');
    }
    // A required setting left out is a clear start-up failure, not a silent default.
    const missing = Bun.spawnSync([haproxy!, '-c', '-f', CONFIG_PATH], {
      env: { PATH: process.env.PATH, ...base, KINO_API_2: undefined },
      stdout: 'pipe',
      stderr: 'pipe',
    });
    expect(missing.exitCode).not.toBe(0);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('default-haproxy sets every variable kino.cfg requires, and none it does not use', async () => {
  const required = new Set<string>();
  const used = new Set<string>();
  let depth = 0;
  for (const line of config.split('\n')) {
    const trimmed = line.trim();
    if (trimmed.startsWith('.if')) depth++;
    if (trimmed.startsWith('.endif')) depth--;
    for (const [, name] of trimmed.replace(/#.*$/, '').matchAll(/\$\{(KINO_[A-Z0-9_]+)\}/g)) {
      used.add(name!);
      if (depth === 0) required.add(name!);
    }
  }
  const defaults = await Bun.file(join(import.meta.dir, 'default-haproxy')).text();
  const set = [...defaults.matchAll(/^(KINO_[A-Z0-9_]+)=/gm)].map((m) => m[1]!);
  expect(required.size).toBeGreaterThan(5);
  for (const name of required) expect(set).toContain(name);
  for (const name of set) expect(used).toContain(name);
});
