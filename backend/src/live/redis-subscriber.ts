/**
 * The Redis link's subscriber connection (redis-link.ts): its own client, since a subscribed
 * connection can do nothing else, that comes back and subscribes again after Redis drops it.
 */
import type { RedisClient } from 'bun';
import { persistentClient } from './redis-link.ts';

/** A subscriber connection that comes back (and re-subscribes) after Redis drops it. */
export class Subscriber {
  private client: RedisClient | null = null;
  private readonly channels = new Map<string, (message: string) => void>();
  private replacing = false;
  /** Runs once the subscriptions are restored on a fresh connection. */
  onResubscribed: () => void = () => {};

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
    try {
      await client.connect();
      await client.send('CLIENT', ['SETNAME', this.name]);
      for (const [channel, listener] of this.channels) await client.subscribe(channel, listener);
      return client;
    } catch (error) {
      // A failed attempt must not keep reconnecting in the background.
      client.onconnect = null;
      client.onclose = null;
      client.close();
      throw error;
    }
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
        this.replacing = false;
        this.onResubscribed();
        return;
      } catch (error) {
        this.onError(`subscriber reconnect failed: ${String(error)}`);
        // Short pauses: the bus must be back within a second or so of Redis.
        await Bun.sleep(Math.min(100 * attempt, 500));
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
