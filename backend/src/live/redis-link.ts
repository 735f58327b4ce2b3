/**
 * The live store's connections to Redis, on Bun's built-in client: its protocol code is
 * native and pipelines every command issued in the same tick into one write, where
 * node-redis spent a tenth of the server's CPU in socket writes and per-command timers.
 *
 * - Start fails fast with a clear message when Redis is unreachable (a wrong REDIS_URL).
 * - After that, a lost connection is re-established by the client; a command that was in
 *   flight when it dropped, or issued while it was down, is retried here with backoff, so a
 *   Redis restart costs latency, not a lost chat line.
 * - Every call has one deadline, retries included (DEFAULT_DEADLINE_MS; one sweep every
 *   DEADLINE_SWEEP_MS checks them all, no timer per call): a Redis that is gone or silently
 *   partitioned fails the call with DependencyUnavailableError instead of holding a member's
 *   messages forever. It is generous (the load benchmark's p99 is a few ms), so a
 *   busy Redis still answers late rather than turning into errors.
 * - Pub/sub runs on its own connection; Bun's client does not restore subscriptions after
 *   a reconnect, so the subscriber is replaced by a fresh one when its connection drops, and
 *   `onResubscribed` tells the store: events published meanwhile were missed.
 */

import { retryDelayMs } from '@kino/shared/backoff';
import { RedisClient } from 'bun';
import { DependencyUnavailableError } from '../faults/unavailable.ts';
import type { LuaScript } from './redis-scripts.ts';
import { Subscriber } from './redis-subscriber.ts';

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  attempts: number;
  /** Pause before attempt `n + 1` (n ≥ 1). */
  delayMs(attempt: number): number;
}

export const DEFAULT_RETRY: RetryPolicy = {
  attempts: 8,
  delayMs: (attempt) => retryDelayMs(attempt, { baseMs: 50, maxMs: 2_000 }),
};

/** The longest one call may take, retries included. */
export const DEFAULT_DEADLINE_MS = 3_000;
/**
 * Once the connection has been down this long, calls fail at once instead of retrying: a blip
 * is ridden out, an outage answered fast (`unavailable`), not after a full deadline per call.
 */
export const FAIL_FAST_AFTER_MS = 500;

/** Redis answered with an error (wrong type, script error): retrying can't help. */
export function isServerError(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 'ERR_REDIS_SERVER_ERROR';
}

const isNoScript = (error: unknown) =>
  isServerError(error) && error instanceof Error && error.message.startsWith('NOSCRIPT');

/**
 * Runs `attempt` until it succeeds, a server error says retrying is pointless, or the
 * policy's attempts are spent. Pure control flow: `sleep` is passed in for tests.
 */
export async function withRetry<T>(
  attempt: (n: number) => Promise<T>,
  policy: RetryPolicy,
  sleep: (ms: number) => Promise<void> = (ms) => Bun.sleep(ms),
  giveUp: () => boolean = () => false,
): Promise<T> {
  for (let n = 1; ; n++) {
    try {
      return await attempt(n);
    } catch (error) {
      if (isServerError(error) || n >= policy.attempts || giveUp()) throw error;
      await sleep(policy.delayMs(n));
    }
  }
}

/** How often the deadlines of calls in flight are checked: a call fails this much late at most. */
export const DEADLINE_SWEEP_MS = 100;

const asUnavailable = (error: unknown) =>
  isServerError(error) || error instanceof DependencyUnavailableError
    ? error
    : new DependencyUnavailableError('live-store', 1_000, { cause: error });

/**
 * The deadlines of the calls in flight, checked by one periodic sweep (running only while
 * calls are in flight) instead of a timer armed and cleared per call, which cost ~2 % of the
 * server's CPU at bench:load's saturation.
 */
export class DeadlineSweep {
  private readonly pending = new Set<{ at: number; fail: (error: unknown) => void }>();
  private timer: ReturnType<typeof setInterval> | null = null;

  constructor(
    private readonly everyMs = DEADLINE_SWEEP_MS,
    private readonly now = () => performance.now(),
  ) {}

  /** `call`, or DependencyUnavailableError once `deadlineMs` passed (see withDeadline). */
  track<T>(call: Promise<T>, deadlineMs: number): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const entry = { at: this.now() + deadlineMs, fail: reject };
      this.pending.add(entry);
      this.timer ??= setInterval(() => this.sweep(), this.everyMs);
      call.then(
        (value) => {
          this.pending.delete(entry);
          resolve(value);
        },
        (error: unknown) => {
          this.pending.delete(entry);
          reject(asUnavailable(error));
        },
      );
    });
  }

  /** Fails the calls past their deadline; stops the timer when none is left in flight. */
  sweep(): void {
    const now = this.now();
    for (const entry of this.pending) {
      if (entry.at > now) continue;
      this.pending.delete(entry);
      entry.fail(new DependencyUnavailableError('live-store', 1_000));
    }
    if (this.pending.size > 0 || !this.timer) return;
    clearInterval(this.timer);
    this.timer = null;
  }

  get inFlight(): number {
    return this.pending.size;
  }
}

const deadlines = new DeadlineSweep();

/**
 * `call` within `deadlineMs` (give or take DEADLINE_SWEEP_MS); a connection failure (after the
 * retries) or the deadline becomes DependencyUnavailableError. An error Redis itself answered
 * stays what it is (a bug).
 */
export function withDeadline<T>(call: Promise<T>, deadlineMs: number): Promise<T> {
  return deadlines.track(call, deadlineMs);
}

export interface RedisLink {
  /** One command; retried when the connection failed under it. */
  command(name: string, args: string[]): Promise<unknown>;
  /** EVALSHA, falling back to EVAL once when Redis lost the script (restart, FLUSH). */
  script(lua: LuaScript, keys: string[], args: string[], retry?: RetryPolicy): Promise<unknown>;
  subscribe(
    channel: string,
    listener: (message: string) => void,
    onResubscribed?: () => void,
  ): Promise<void>;
  close(): Promise<void>;
}

async function probe(url: string): Promise<void> {
  // A client that neither retries nor reconnects: its connect() settles either way.
  const client = new RedisClient(url, {
    autoReconnect: false,
    maxRetries: 0,
    connectionTimeout: 5_000,
  });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(
      `Redis at ${url} is unreachable: ${error instanceof Error ? error.message : String(error)}`,
    );
  } finally {
    client.close();
  }
}

export function persistentClient(url: string): RedisClient {
  return new RedisClient(url, {
    autoReconnect: true,
    // Keep reconnecting through a long Redis outage...
    maxRetries: 1_000_000,
    // ...but fail a command issued meanwhile, so `withRetry` bounds how long a caller waits
    // for a Redis that is gone (about 7 s with the default policy) instead of forever.
    enableOfflineQueue: false,
    enableAutoPipelining: true,
  });
}

export interface RedisLinkOptions {
  retry?: RetryPolicy;
  deadlineMs?: number;
  onError?: (message: string) => void;
  /** Connection name shown by CLIENT LIST (the subscriber gets `<name>:sub`). */
  name?: string;
}

/** CLIENT SETNAME refuses spaces and newlines. */
const clientName = (name: string) => name.replace(/\s/g, '_');

export async function openRedisLink(url: string, opts: RedisLinkOptions = {}): Promise<RedisLink> {
  const retry = opts.retry ?? DEFAULT_RETRY;
  const deadlineMs = opts.deadlineMs ?? DEFAULT_DEADLINE_MS;
  const onError = opts.onError ?? ((m) => console.error(`[live/redis] ${m}`));
  const name = clientName(opts.name ?? 'kino-live');
  await probe(url);
  let closed = false;
  let subscriber: Subscriber | null = null;
  // Bun's client reconnects by itself and says so (onconnect) but not when it lost the
  // connection: a command failing for want of one is how we learn.
  let downSince: number | null = null;
  const open = async () => {
    const fresh = persistentClient(url);
    fresh.onconnect = () => {
      downSince = null;
    };
    await fresh.connect();
    await fresh.send('CLIENT', ['SETNAME', name]);
    return fresh;
  };
  let client = await open();
  /**
   * The bus is back (Redis answers): if the command connection is still waiting out Bun's
   * reconnect backoff (which grows with the outage), a fresh one is opened now, so the
   * resynchronisation that follows does not fail.
   */
  const reopenIfDown = async () => {
    if (client.connected) return;
    try {
      const fresh = await withDeadline(open(), deadlineMs);
      const old = client;
      client = fresh;
      downSince = null;
      old.onconnect = null;
      old.close();
    } catch (error) {
      onError(`command connection not reopened: ${String(error)}`);
    }
  };
  const down = () => downSince !== null && Date.now() - downSince > FAIL_FAST_AFTER_MS;
  const unavailable = () => Promise.reject(new DependencyUnavailableError('live-store', 1_000));
  const sleep = (ms: number) => Bun.sleep(ms);

  const send = async (name: string, args: string[]) => {
    try {
      const reply = (await client.send(name, args)) as unknown;
      downSince = null;
      return reply;
    } catch (error) {
      if (!isServerError(error)) downSince ??= Date.now();
      throw error;
    }
  };

  return {
    command(name, args) {
      if (down()) return unavailable();
      return withDeadline(
        withRetry(() => send(name, args), retry, sleep, down),
        deadlineMs,
      );
    },
    script(lua, keys, args, policy = retry) {
      if (down()) return unavailable();
      const evalArgs = [String(keys.length), ...keys, ...args];
      const run = withRetry(
        async () => {
          try {
            return await send('EVALSHA', [lua.sha, ...evalArgs]);
          } catch (error) {
            if (!isNoScript(error)) throw error;
            // EVAL also caches the script, so the next EVALSHA finds it.
            return send('EVAL', [lua.source, ...evalArgs]);
          }
        },
        policy,
        sleep,
        down,
      );
      return withDeadline(run, deadlineMs);
    },
    async subscribe(channel, listener, onResubscribed) {
      subscriber ??= new Subscriber(url, `${name}:sub`, onError, () => closed);
      subscriber.onResubscribed = () => {
        void reopenIfDown().then(() => onResubscribed?.());
      };
      await subscriber.add(channel, listener);
    },
    async close() {
      closed = true;
      subscriber?.close();
      client.onconnect = null;
      client.close();
    },
  };
}
