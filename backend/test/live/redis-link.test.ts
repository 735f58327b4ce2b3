/**
 * The Redis connection layer: retry rules (pure), the EVALSHA fallback, and recovery when
 * Redis drops our connections (commands retried, the bus subscription restored).
 */
import { afterEach, beforeEach, describe, expect, test } from 'bun:test';
import { randomUUID } from 'node:crypto';
import { hasRedis, REDIS_TEST_URL } from '@kino/test-support/services';
import { RedisClient } from 'bun';
import { isDependencyUnavailable } from '../../src/faults/unavailable.ts';
import { createRedisLiveStore } from '../../src/live/redis.ts';
import {
  DeadlineSweep,
  isServerError,
  withDeadline,
  withRetry,
} from '../../src/live/redis-link.ts';
import type { LiveStore, RoomEvent } from '../../src/live/types.ts';
import { tcpCut } from './tcp-cut.ts';

const policy = { attempts: 3, delayMs: (n: number) => n * 10 };
const serverError = () => Object.assign(new Error('WRONGTYPE'), { code: 'ERR_REDIS_SERVER_ERROR' });

describe('withRetry', () => {
  test('retries a dropped connection with the policy’s pauses, then succeeds', async () => {
    const pauses: number[] = [];
    let calls = 0;
    const result = await withRetry(
      async (n) => {
        calls++;
        if (n < 3) throw new Error('Connection closed');
        return 'ok';
      },
      policy,
      async (ms) => {
        pauses.push(ms);
      },
    );
    expect(result).toBe('ok');
    expect(calls).toBe(3);
    expect(pauses).toEqual([10, 20]);
  });

  test('gives up after the last attempt with the last error', async () => {
    let calls = 0;
    const failing = withRetry(
      async () => {
        calls++;
        throw new Error(`drop ${calls}`);
      },
      policy,
      async () => {},
    );
    await expect(failing).rejects.toThrow('drop 3');
    expect(calls).toBe(3);
  });

  test('never retries an error Redis itself answered', async () => {
    let calls = 0;
    const failing = withRetry(
      async () => {
        calls++;
        throw serverError();
      },
      policy,
      async () => {},
    );
    await expect(failing).rejects.toThrow('WRONGTYPE');
    expect(calls).toBe(1);
    expect(isServerError(serverError())).toBe(true);
    expect(isServerError(new Error('Connection closed'))).toBe(false);
  });
});

describe('withDeadline', () => {
  test('a call past its deadline fails as the live store being unavailable', async () => {
    const never = new Promise<never>(() => {});
    const started = Date.now();
    const failed = await withDeadline(never, 50).catch((error: unknown) => error);
    expect(isDependencyUnavailable(failed)).toBe(true);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  test('a lost connection (after the retries) is unavailable too, a Redis error is not', async () => {
    const dropped = await withDeadline(Promise.reject(new Error('Connection closed')), 1_000).catch(
      (error: unknown) => error,
    );
    expect(isDependencyUnavailable(dropped)).toBe(true);
    const answered = await withDeadline(Promise.reject(serverError()), 1_000).catch(
      (error: unknown) => error,
    );
    expect(isDependencyUnavailable(answered)).toBe(false);
  });
});

describe('DeadlineSweep', () => {
  test('one sweep fails what is past its deadline, and stops once nothing is in flight', async () => {
    let now = 0;
    const sweep = new DeadlineSweep(60_000, () => now);
    const never = sweep.track(new Promise<never>(() => {}), 100);
    const answered = sweep.track(Promise.resolve('OK'), 100);
    expect(await answered).toBe('OK');
    expect(sweep.inFlight).toBe(1);
    now = 99;
    sweep.sweep();
    expect(sweep.inFlight).toBe(1);
    now = 100;
    sweep.sweep();
    expect(isDependencyUnavailable(await never.catch((error: unknown) => error))).toBe(true);
    expect(sweep.inFlight).toBe(0);
    // The timer stopped with the last call: a later call arms it again.
    const later = sweep.track(Promise.resolve(1), 100);
    expect(await later).toBe(1);
    sweep.sweep();
  });
});

/** Ids of our connections (named `<prefix>live`, `<prefix>live:sub`) from CLIENT LIST. */
async function clientIds(admin: RedisClient, name: string): Promise<string[]> {
  const list = String(await admin.send('CLIENT', ['LIST']));
  return list
    .split('\n')
    .filter((line) => line.includes(` name=${name} `))
    .map((line) => /^id=(\d+)/.exec(line)?.[1] ?? '')
    .filter(Boolean);
}

async function eventually(check: () => Promise<boolean>, ms = 5_000): Promise<void> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > ms) throw new Error('condition not reached in time');
    await Bun.sleep(20);
  }
}

describe.skipIf(!hasRedis)('redis live store against a real Redis', () => {
  let prefix = '';
  let admin: RedisClient;
  let store: LiveStore;

  beforeEach(async () => {
    prefix = `kino_t_${randomUUID()}:`;
    admin = new RedisClient(REDIS_TEST_URL);
    await admin.connect();
    store = await createRedisLiveStore({ url: REDIS_TEST_URL, prefix });
  });

  afterEach(async () => {
    await store.close();
    const keys = (await admin.send('KEYS', [`${prefix}*`])) as string[];
    if (keys.length > 0) await admin.send('DEL', keys);
    admin.close();
  });

  test('scripts still run after Redis forgot them (restart, SCRIPT FLUSH)', async () => {
    await store.initPlayback('r1', { playing: false, position: 0, at: 1, rate: 1, seq: 0 });
    await admin.send('SCRIPT', ['FLUSH']);
    const next = { playing: true, position: 0, at: 2, rate: 1, seq: 1 };
    await store.cachePlayback('r1', next);
    expect(await store.getPlayback('r1')).toEqual(next);
  });

  test('commands and the bus survive Redis dropping both connections', async () => {
    const received: RoomEvent[] = [];
    let reconnects = 0;
    await store.subscribe((event) => received.push(event), {
      instanceId: 'i1',
      onReconnect: () => {
        reconnects++;
      },
    });
    await store.watchRoom('room', 'i1');
    const live = await clientIds(admin, `${prefix}live`);
    const sub = await clientIds(admin, `${prefix}live:sub`);
    expect(live).toHaveLength(1);
    expect(sub).toHaveLength(1);

    for (const id of [...live, ...sub]) await admin.send('CLIENT', ['KILL', 'ID', id]);
    // Issued right after the kill: it waits for the reconnect or is retried, never lost.
    const limit = { perSecond: 1, burst: 1 };
    expect(await store.takeToken('anna', limit, 1_000)).toBe(true);
    expect(await store.takeToken('anna', limit, 1_000)).toBe(false);

    // The subscriber comes back on a new connection and listens again.
    await eventually(async () => {
      await store.publish({
        roomId: 'room',
        origin: 'test',
        message: { type: '*replaced', connectionIds: [`c${received.length}`] },
      });
      await Bun.sleep(30);
      return received.length > 0;
    });
    const now = await clientIds(admin, `${prefix}live:sub`);
    expect(now).toHaveLength(1);
    expect(now[0]).not.toBe(sub[0]);
    // The store was told, so the hub can fill what the bus missed meanwhile.
    expect(reconnects).toBe(1);
  });
});

describe.skipIf(!hasRedis)('redis live store when Redis goes away', () => {
  test('a command fails after the retries instead of hanging, and works once Redis is back', async () => {
    const redis = new URL(REDIS_TEST_URL);
    const proxy = tcpCut({ hostname: redis.hostname, port: Number(redis.port || 6379) });
    const prefix = `kino_t_${randomUUID()}:`;
    const store = await createRedisLiveStore({
      url: `redis://127.0.0.1:${proxy.port}`,
      prefix,
      retry: { attempts: 4, delayMs: () => 50 },
      onError: () => {},
    });
    try {
      await store.setSettings('r', { controlMode: 'everyone', bufferPolicy: 'wait' });
      proxy.cut();
      const started = Date.now();
      await expect(store.getSettings('r')).rejects.toThrow();
      expect(Date.now() - started).toBeLessThan(5_000);

      proxy.restore();
      await eventually(async () => {
        const settings = await store.getSettings('r').catch(() => null);
        return settings?.bufferPolicy === 'wait';
      }, 10_000);
      await store.deleteRoom('r');
    } finally {
      await store.close();
      proxy.stop();
    }
  }, 20_000);

  test('a silent partition fails a call at its deadline, not never', async () => {
    const redis = new URL(REDIS_TEST_URL);
    const proxy = tcpCut({ hostname: redis.hostname, port: Number(redis.port || 6379) });
    const store = await createRedisLiveStore({
      url: `redis://127.0.0.1:${proxy.port}`,
      prefix: `kino_t_${randomUUID()}:`,
      deadlineMs: 300,
      onError: () => {},
    });
    try {
      proxy.stall();
      const started = Date.now();
      const failed = await store.getSettings('r').catch((error: unknown) => error);
      expect(isDependencyUnavailable(failed)).toBe(true);
      expect(Date.now() - started).toBeLessThan(2_000);
    } finally {
      proxy.restore();
      await store.close();
      proxy.stop();
    }
  });
});
