/**
 * The documents quote numbers that live in the code: README's configuration table and
 * SECURITY.md's limits are checked against the code, so neither can drift.
 */
import { expect, test } from 'bun:test';
import { readFileSync } from 'node:fs';
import { MAX_REQUEST_BODY_BYTES } from '@kino/shared/http/rooms';
import { type Config, DEFAULT_API_RATE, DEFAULT_QUOTAS, parseConfig } from '../src/config.ts';
import { BODY_READ_TIMEOUT_MS, TRANSPORT_MAX_BODY_BYTES } from '../src/http/body-guard.ts';
import { REQUEST_DEADLINE_MS } from '../src/http/deadline.ts';
import { MIN_SECRET_LENGTH } from '../src/production.ts';

const root = new URL('../..', import.meta.url).pathname;
const readme = readFileSync(`${root}README.md`, 'utf8');
const security = readFileSync(`${root}SECURITY.md`, 'utf8');

/** Each README default as the config reads it (unlisted variables have no simple default). */
const FIELD: Record<string, (c: Config) => string | number> = {
  HOST: (c) => c.host,
  PORT: (c) => c.port,
  PUBLIC_URL: (c) => c.publicUrl,
  DATA_DIR: (c) => c.dataDir,
  REDIS_PREFIX: (c) => c.redisPrefix,
  MAIL_FROM: (c) => c.mailFrom,
  CINEMA_URL: (c) => c.cinemaUrl,
  CINEMA_SERVICE_KEY: (c) => c.cinemaServiceKey,
  JWT_SECRET: (c) => c.jwtSecret,
  JWT_ISSUER: (c) => c.jwtIssuer,
  JWT_AUDIENCE: (c) => c.jwtAudience,
  ROOM_IDLE_TTL_SECONDS: (c) => c.roomIdleTtlSeconds,
  ROOM_SWEEP_INTERVAL_SECONDS: (c) => c.roomSweepIntervalSeconds,
  SCREENING_REMINDER_SECONDS: (c) => c.screeningReminderSeconds,
  KINO_ENV: (c) => c.mode,
  QUOTA_ROOMS: (c) => c.quotas.roomsPerOwner,
  QUOTA_ROOMS_WINDOW_SECONDS: (c) => c.quotas.roomsWindowSeconds,
  QUOTA_INVITES_SENT: (c) => c.quotas.invitesPerSender,
  QUOTA_INVITES_WINDOW_SECONDS: (c) => c.quotas.invitesWindowSeconds,
  QUOTA_INVITES_RECEIVED: (c) => c.quotas.invitesPerRecipient,
  API_RATE_PER_SECOND: (c) => c.apiRateLimit.perSecond,
  API_RATE_BURST: (c) => c.apiRateLimit.burst,
  LOG_FORMAT: (c) => c.logFormat,
};

const ticked = (cell: string) => [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);

test("README's configuration table shows the defaults the backend uses", () => {
  const defaults = parseConfig({}, () => 'x');
  const checked: string[] = [];
  for (const line of readme.split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    if (cells.length < 4) continue;
    const [names, values] = [ticked(cells[1]!), ticked(cells[2]!)];
    names.forEach((name, i) => {
      const field = FIELD[name];
      if (!field || values[i] === undefined) return;
      expect({ name, value: values[i] }).toEqual({ name, value: String(field(defaults)) });
      checked.push(name);
    });
  }
  expect(checked.sort()).toEqual(Object.keys(FIELD).sort());
});

test("every variable the backend reads is in README's configuration table", () => {
  const source = readFileSync(`${root}backend/src/config.ts`, 'utf8');
  const read = new Set([...source.matchAll(/\(env, '([A-Z][A-Z0-9_]+)'/g)].map((m) => m[1]!));
  expect(read.size).toBeGreaterThan(20);
  const section = readme.slice(
    readme.indexOf('## Configuration'),
    readme.indexOf('### Against real'),
  );
  const listed = new Set(
    section
      .split('\n')
      .filter((line) => line.startsWith('| `'))
      .flatMap((line) => ticked(line.split('|')[1]!)),
  );
  for (const name of read)
    expect({ name, listed: listed.has(name) }).toEqual({ name, listed: true });
});

test("SECURITY.md quotes the code's limits", () => {
  const q = DEFAULT_QUOTAS;
  for (const phrase of [
    `${MAX_REQUEST_BODY_BYTES} bytes`,
    `${TRANSPORT_MAX_BODY_BYTES / 1024} KiB`,
    `after ${BODY_READ_TIMEOUT_MS / 1000} s`,
    `${DEFAULT_API_RATE.burst} requests, refilled at ${DEFAULT_API_RATE.perSecond} per second`,
    `${q.roomsPerOwner} rooms per owner per ${q.roomsWindowSeconds / 60} minutes`,
    `${q.invitesPerSender} invitations sent per owner per hour`,
    `${q.invitesPerRecipient} invitations\nreceived per person per hour`,
    `${REQUEST_DEADLINE_MS / 1000} s deadline`,
    `shorter than ${MIN_SECRET_LENGTH}`,
  ]) {
    expect(security.replace(/\s+/g, ' ')).toContain(phrase.replace(/\s+/g, ' '));
  }
  expect(q.invitesWindowSeconds).toBe(3600);
});

test("ARCHITECTURE's ports-and-defaults table names only variables some part reads", () => {
  const architecture = readFileSync(`${root}ARCHITECTURE.md`, 'utf8');
  const table = architecture.slice(
    architecture.indexOf('## Ports and defaults'),
    architecture.indexOf('## Demo cinema'),
  );
  const names = table
    .split('\n')
    .filter((line) => line.startsWith('| '))
    .flatMap((line) => ticked(line.split('|')[3] ?? ''))
    .filter((word) => /^[A-Z][A-Z0-9_]{2,}$/.test(word));
  expect(names.length).toBeGreaterThan(10);
  const readers = [
    'backend/src/config.ts',
    'cinema/config.ts',
    'cinema/server.ts',
    'cinema/player-sites/server.ts',
    'scripts/dev.ts',
  ].map((file) => readFileSync(`${root}${file}`, 'utf8'));
  const unread = names.filter(
    (name) =>
      !readers.some((source) => source.includes(`'${name}'`) || source.includes(`.${name}`)),
  );
  expect(unread).toEqual([]);
});
