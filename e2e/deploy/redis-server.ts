/**
 * A redis-server of the suite's own on a free port, without persistence: the shared one
 * on :6379 belongs to everybody on the machine and must never be touched.
 */

import { freePort } from '@kino/test-support/smtp-sink';
import { RedisClient } from 'bun';
import { type Child, spawnChild, waitFor } from './child.ts';

export interface OwnRedis {
  url: string;
  child: Child;
  stop(): Promise<void>;
}

export async function startOwnRedis(output: string[]): Promise<OwnRedis> {
  const port = await freePort();
  const child = spawnChild(
    'redis',
    [
      'redis-server',
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
    ],
    { output },
  );
  const url = `redis://127.0.0.1:${port}`;
  try {
    await waitFor(`redis-server on :${port}`, async () => {
      const client = new RedisClient(url, { autoReconnect: false, connectionTimeout: 500 });
      try {
        await client.connect();
        return (await client.send('PING', [])) === 'PONG';
      } finally {
        client.close();
      }
    });
  } catch (error) {
    await child.stop();
    throw error;
  }
  return { url, child, stop: () => child.stop() };
}
