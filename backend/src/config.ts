/**
 * Backend configuration, parsed once at start from the environment.
 * `parseConfig` is pure (env in, config out) and throws a message naming the
 * variable, so a typo fails loudly at boot instead of deep inside a request.
 */
import { randomUUID } from 'node:crypto';
import type { LogFormat } from './log/logger.ts';
import { DEV_JWT_SECRET, DEV_SERVICE_KEY, productionProblem } from './production.ts';
import { MIN_ROOM_IDLE_TTL_SECONDS } from './realtime/liveness.ts';

export interface Config {
  port: number;
  /**
   * Interface to listen on. `localhost` by default, so a dev backend is not reachable from
   * the network; a deployment behind a proxy or in a container sets HOST=0.0.0.0 (or `::`).
   */
  host: string;
  /** Base URL users reach the backend at (join links in e-mails); no trailing slash. */
  publicUrl: string;
  /** Postgres when set; otherwise PGlite in `${dataDir}/pglite`. */
  databaseUrl?: string;
  dataDir: string;
  /** Redis live store when set; otherwise in-process memory. */
  redisUrl?: string;
  redisPrefix: string;
  /** SMTP when set; otherwise the dev outbox. */
  smtpUrl?: string;
  mailFrom: string;
  cinemaUrl: string;
  cinemaServiceKey: string;
  jwtSecret: string;
  jwtIssuer: string;
  jwtAudience: string;
  /** Production cinemas that publish RS256 keys; HS256 with jwtSecret otherwise. */
  jwtJwksUrl?: string;
  roomIdleTtlSeconds: number;
  roomSweepIntervalSeconds: number;
  /** How long before a scheduled screening the reminder mail goes out (backend/src/schedule). */
  screeningReminderSeconds: number;
  instanceId: string;
  /** KINO_PERF_TRACE=1: log event-loop lag and store-call latency once a second (load tests). */
  perfTrace: boolean;
  /**
   * KINO_ENV=production: real stores and real secrets are required at start, and the dev mail
   * outbox is not served (see production.ts). Unset: development.
   */
  mode: 'development' | 'production';
  quotas: Quotas;
  /** Requests per signed-in user per instance (http/user-rate-limit.ts): sustained and burst. */
  apiRateLimit: { perSecond: number; burst: number };
  /** `json`: one JSON object per log line (the default in production); `text` for a terminal. */
  logFormat: LogFormat;
  /**
   * The extension's store pages, offered on the invite page to people without it (the same
   * variables the extension's release build reads). Unset: the page names the stores only.
   */
  storeLinks: StoreLinks;
}

export interface StoreLinks {
  chrome?: string;
  firefox?: string;
}

/** How much one account may create and send (rooms/quota.ts enforces them across instances). */
export interface Quotas {
  /** Rooms one owner may create per `roomsWindowSeconds`. */
  roomsPerOwner: number;
  roomsWindowSeconds: number;
  /** Invites one owner may send, and one person may receive from everyone, per window. */
  invitesPerSender: number;
  invitesPerRecipient: number;
  invitesWindowSeconds: number;
}

/** Sized for friends: a few rooms per evening, a handful of invitations per hour. */
export const DEFAULT_QUOTAS: Quotas = {
  roomsPerOwner: 5,
  roomsWindowSeconds: 10 * 60,
  invitesPerSender: 30,
  invitesPerRecipient: 10,
  invitesWindowSeconds: 60 * 60,
};

export type Env = Record<string, string | undefined>;

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    problem: string,
  ) {
    super(`Invalid configuration: ${variable} ${problem}`);
    this.name = 'ConfigError';
  }
}

function read(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = read(env, name);
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw)) throw new ConfigError(name, `must be a whole number, got "${raw}"`);
  const value = Number(raw);
  if (value < min || value > max) {
    throw new ConfigError(name, `must be between ${min} and ${max}, got ${value}`);
  }
  return value;
}

function url(env: Env, name: string, protocols: string[], fallback?: string): string | undefined {
  const raw = read(env, name) ?? fallback;
  if (raw === undefined) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(name, `must be a URL, got "${raw}"`);
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new ConfigError(name, `must use ${protocols.join(' or ')}, got "${parsed.protocol}"`);
  }
  return raw.replace(/\/+$/, '');
}

const HTTP = ['http:', 'https:'];

/** A host name or IP literal (IPv6 without brackets); no scheme, port or path. */
function host(env: Env, name: string, fallback: string): string {
  const raw = read(env, name) ?? fallback;
  if (!/^[A-Za-z0-9._-]+$/.test(raw) && !/^[0-9A-Fa-f:.]+$/.test(raw)) {
    throw new ConfigError(name, `must be a host name or IP address (e.g. 0.0.0.0), got "${raw}"`);
  }
  return raw;
}

function flag(env: Env, name: string): boolean {
  const raw = read(env, name);
  if (raw === undefined || raw === '0' || raw === 'false') return false;
  if (raw === '1' || raw === 'true') return true;
  throw new ConfigError(name, `must be 1 or 0, got "${raw}"`);
}

function mode(env: Env): Config['mode'] {
  const raw = read(env, 'KINO_ENV') ?? 'development';
  if (raw === 'production' || raw === 'development') return raw;
  throw new ConfigError('KINO_ENV', `must be production or development, got "${raw}"`);
}

/** LOG_FORMAT, or what the mode implies. Never throws: also used to report a bad config. */
export function logFormatOf(env: Env): LogFormat {
  const raw = read(env, 'LOG_FORMAT');
  if (raw === 'json' || raw === 'text') return raw;
  return read(env, 'KINO_ENV') === 'production' ? 'json' : 'text';
}

function logFormat(env: Env): LogFormat {
  const raw = read(env, 'LOG_FORMAT');
  if (raw !== undefined && raw !== 'json' && raw !== 'text') {
    throw new ConfigError('LOG_FORMAT', `must be json or text, got "${raw}"`);
  }
  return logFormatOf(env);
}

/** A store page: https (stores are), without credentials; returned without a trailing slash. */
function storeUrl(env: Env, name: string): string | undefined {
  const value = url(env, name, ['https:']);
  if (value && new URL(value).username) {
    throw new ConfigError(name, 'must not carry credentials');
  }
  return value;
}

function storeLinks(env: Env): StoreLinks {
  const links: StoreLinks = {};
  const chrome = storeUrl(env, 'KINO_CHROME_STORE_URL');
  const firefox = storeUrl(env, 'KINO_FIREFOX_STORE_URL');
  if (chrome) links.chrome = chrome;
  if (firefox) links.firefox = firefox;
  return links;
}

function quotas(env: Env): Quotas {
  const d = DEFAULT_QUOTAS;
  const day = 24 * 3600;
  return {
    roomsPerOwner: integer(env, 'QUOTA_ROOMS', d.roomsPerOwner, 1, 100_000),
    roomsWindowSeconds: integer(env, 'QUOTA_ROOMS_WINDOW_SECONDS', d.roomsWindowSeconds, 1, day),
    invitesPerSender: integer(env, 'QUOTA_INVITES_SENT', d.invitesPerSender, 1, 1_000_000),
    invitesPerRecipient: integer(
      env,
      'QUOTA_INVITES_RECEIVED',
      d.invitesPerRecipient,
      1,
      1_000_000,
    ),
    invitesWindowSeconds: integer(
      env,
      'QUOTA_INVITES_WINDOW_SECONDS',
      d.invitesWindowSeconds,
      1,
      day,
    ),
  };
}

/** Far above what a person clicking through the extension needs; see http/user-rate-limit.ts. */
export const DEFAULT_API_RATE = { perSecond: 5, burst: 60 } as const;

export function parseConfig(env: Env, makeInstanceId: () => string = randomUUID): Config {
  const port = integer(env, 'PORT', 8787, 0, 65535);
  const config: Config = {
    port,
    host: host(env, 'HOST', 'localhost'),
    publicUrl: url(env, 'PUBLIC_URL', HTTP, `http://localhost:${port}`)!,
    databaseUrl: url(env, 'DATABASE_URL', ['postgres:', 'postgresql:']),
    dataDir: read(env, 'DATA_DIR') ?? '.data',
    redisUrl: url(env, 'REDIS_URL', ['redis:', 'rediss:']),
    redisPrefix: read(env, 'REDIS_PREFIX') ?? 'kino:',
    smtpUrl: url(env, 'SMTP_URL', ['smtp:', 'smtps:']),
    mailFrom: read(env, 'MAIL_FROM') ?? 'Кино Вместе <no-reply@kino-vmeste.local>',
    cinemaUrl: url(env, 'CINEMA_URL', HTTP, 'http://localhost:3000')!,
    cinemaServiceKey: read(env, 'CINEMA_SERVICE_KEY') ?? DEV_SERVICE_KEY,
    jwtSecret: read(env, 'JWT_SECRET') ?? DEV_JWT_SECRET,
    jwtIssuer: read(env, 'JWT_ISSUER') ?? 'http://localhost:3000',
    jwtAudience: read(env, 'JWT_AUDIENCE') ?? 'kino-vmeste',
    jwtJwksUrl: url(env, 'JWT_JWKS_URL', HTTP),
    roomIdleTtlSeconds: integer(
      env,
      'ROOM_IDLE_TTL_SECONDS',
      30 * 60,
      MIN_ROOM_IDLE_TTL_SECONDS,
      30 * 24 * 3600,
    ),
    roomSweepIntervalSeconds: integer(env, 'ROOM_SWEEP_INTERVAL_SECONDS', 60, 1, 24 * 3600),
    screeningReminderSeconds: integer(env, 'SCREENING_REMINDER_SECONDS', 15 * 60, 1, 7 * 24 * 3600),
    instanceId: read(env, 'INSTANCE_ID') ?? makeInstanceId(),
    perfTrace: flag(env, 'KINO_PERF_TRACE'),
    mode: mode(env),
    quotas: quotas(env),
    apiRateLimit: {
      perSecond: integer(env, 'API_RATE_PER_SECOND', DEFAULT_API_RATE.perSecond, 1, 100_000),
      burst: integer(env, 'API_RATE_BURST', DEFAULT_API_RATE.burst, 1, 1_000_000),
    },
    logFormat: logFormat(env),
    storeLinks: storeLinks(env),
  };
  const problem = config.mode === 'production' ? productionProblem(config, env) : undefined;
  if (problem) throw new ConfigError(problem.variable, problem.problem);
  return config;
}
