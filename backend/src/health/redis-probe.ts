/**
 * Is Redis answering? A fresh connection that neither retries nor reconnects, one PING,
 * closed again: independent of the live store's own connections, so it tells the truth
 * even while those are reconnecting.
 */
import { RedisClient } from 'bun';

export async function pingRedis(url: string, timeoutMs: number): Promise<void> {
  const client = new RedisClient(url, {
    autoReconnect: false,
    maxRetries: 0,
    connectionTimeout: timeoutMs,
    enableOfflineQueue: false,
  });
  try {
    await client.connect();
    const answer = await client.send('PING', []);
    if (answer !== 'PONG') throw new Error(`Redis answered PING with ${String(answer)}`);
  } finally {
    client.close();
  }
}
