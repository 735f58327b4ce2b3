/**
 * The live store's connections to Redis, on Bun's built-in client: its protocol code is
 * native and pipelines every command issued in the same tick into one write, where
 * node-redis spent a tenth of the server's CPU in socket writes and per-command timers.
 *
 * - Start fails fast with a clear message when Redis is unreachable (a wrong REDIS_URL).
 * - After that, a lost connection is re-established by the client; a command that was in
 *   flight when it dropped, or issued while it was down, is retried here with backoff, so a
 *   Redis restart costs latency, not a lost chat line. There is no per-command timeout
 *   (node-redis failed commands after 5 s, which under load became `error internal`): a busy
 *   Redis that still holds the connection answers late, and failing would be worse.
 * - Pub/sub runs on its own connection; Bun's client does not restore subscriptions after
 *   a reconnect, so the subscriber is replaced by a fresh one when its connection drops.
 */
import { RedisClient } from 'bun';
import type { LuaScript } from './redis-scripts.ts';

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  attempts: number;
  /** Pause before attempt `n + 1` (n ≥ 1). */
  delayMs(attempt: number): number;
}

export const DEFAULT_RETRY: RetryPolicy = {
  attempts: 8,
  delayMs: (attempt) => Math.min(50 * 2 ** (attempt - 1), 2_000),
};

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
): Promise<T> {
  for (let n = 1; ; n++) {
    try {
      return await attempt(n);
    } catch (error) {
      if (isServerError(error) || n >= policy.attempts) throw error;
      await sleep(policy.delayMs(n));
    }
  }
}

export interface RedisLink {
  /** One command; retried when the connection failed under it. */
  command(name: string, args: string[]): Promise<unknown>;
  /** EVALSHA, falling back to EVAL once when Redis lost the script (restart, FLUSH). */
  script(lua: LuaScript, keys: string[], args: string[], retry?: RetryPolicy): Promise<unknown>;
  subscribe(channel: string, listener: (message: string) => void): Promise<void>;
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

function persistentClient(url: string): RedisClient {
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
  onError?: (message: string) => void;
  /** Connection name shown by CLIENT LIST (the subscriber gets `<name>:sub`). */
  name?: string;
}

/** CLIENT SETNAME refuses spaces and newlines. */
const clientName = (name: string) => name.replace(/\s/g, '_');

export async function openRedisLink(url: string, opts: RedisLinkOptions = {}): Promise<RedisLink> {
  const retry = opts.retry ?? DEFAULT_RETRY;
  const onError = opts.onError ?? ((m) => console.error(`[live/redis] ${m}`));
  const name = clientName(opts.name ?? 'kino-live');
  await probe(url);
  const client = persistentClient(url);
  await client.connect();
  await client.send('CLIENT', ['SETNAME', name]);
  let closed = false;
  let subscriber: Subscriber | null = null;

  const send = (name: string, args: string[]) => client.send(name, args) as Promise<unknown>;

  return {
    command: (name, args) => withRetry(() => send(name, args), retry),
    script(lua, keys, args, policy = retry) {
      const evalArgs = [String(keys.length), ...keys, ...args];
      return withRetry(async () => {
        try {
          return await send('EVALSHA', [lua.sha, ...evalArgs]);
        } catch (error) {
          if (!isNoScript(error)) throw error;
          // EVAL also caches the script, so the next EVALSHA finds it.
          return send('EVAL', [lua.source, ...evalArgs]);
        }
      }, policy);
    },
    async subscribe(channel, listener) {
      subscriber ??= new Subscriber(url, `${name}:sub`, onError, () => closed);
      await subscriber.add(channel, listener);
    },
    async close() {
      closed = true;
      subscriber?.close();
      client.close();
    },
  };
}

/** A subscriber connection that comes back (and re-subscribes) after Redis drops it. */
class Subscriber {
  private client: RedisClient | null = null;
  private readonly channels = new Map<string, (message: string) => void>();
  private replacing = false;

  constructor(
    private readonly url: string,
    private readonly name: string,
    private readonly onError: (message: string) => void,
    private readonly isClosed: () => boolean,
  ) {}

  async add(channel: string, listener: (message: string) => void): Promise<void> {
    this.channels.set(channel, listener);
    if (!this.client) this.client = await this.connect();
    else await this.client.subscribe(channel, listener);
  }

  private async connect(): Promise<RedisClient> {
    const client = persistentClient(this.url);
    let connects = 0;
    // Bun reconnects by itself but forgets the subscriptions: swap in a fresh subscriber.
    client.onconnect = () => {
      connects += 1;
      if (connects > 1) void this.replace(client);
    };
    client.onclose = () => void this.replace(client);
    await client.connect();
    await client.send('CLIENT', ['SETNAME', this.name]);
    for (const [channel, listener] of this.channels) await client.subscribe(channel, listener);
    return client;
  }

  private async replace(old: RedisClient): Promise<void> {
    if (this.replacing || this.isClosed() || this.client !== old) return;
    this.replacing = true;
    old.onconnect = null;
    old.onclose = null;
    old.close();
    for (let attempt = 1; !this.isClosed(); attempt++) {
      try {
        this.client = await this.connect();
        this.onError(`subscriber reconnected after ${attempt} attempt(s)`);
        break;
      } catch (error) {
        this.onError(`subscriber reconnect failed: ${String(error)}`);
        await Bun.sleep(DEFAULT_RETRY.delayMs(Math.min(attempt, 6)));
      }
    }
    this.replacing = false;
  }

  close(): void {
    const client = this.client;
    this.client = null;
    if (!client) return;
    client.onconnect = null;
    client.onclose = null;
    client.close();
  }
}
