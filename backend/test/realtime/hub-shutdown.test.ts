/** The hub's graceful stop, with in-memory sockets and the in-memory LiveStore. */
import { beforeEach, describe, expect, test } from 'bun:test';
import { createMemoryLiveState } from '../../src/live/memory.ts';
import { CLOSE } from '../../src/realtime/limits.ts';
import {
  joined,
  MemorySocket,
  settle,
  startMemoryInstance,
  type TestInstance,
} from './memory-hub.support.ts';

let instance: TestInstance;

beforeEach(async () => {
  instance = await startMemoryInstance(createMemoryLiveState());
});

describe('shutdown', () => {
  test('a socket opened while the hub stops is told to reconnect, not joined', async () => {
    const anna = await joined(instance, 'anna');
    await instance.hub.stop();
    expect(anna.closedWith?.code).toBe(CLOSE.serviceRestart);
    const late = new MemorySocket('late-1', instance.hub);
    expect(late.closedWith).toEqual({ code: CLOSE.serviceRestart, reason: 'service restart' });
    late.push({ type: 'hello', v: 1, token: 'token-boris', roomId: 'r1', clientId: 'client-late' });
    await settle();
    expect(late.received).toEqual([]);
    expect(instance.presence.map((p) => `${p.userId}:${p.kind}`)).not.toContain('boris:join');
  });
});
