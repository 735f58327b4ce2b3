import { expect, test } from 'bun:test';
import { createMemoryLiveStore } from '../../src/live/memory.ts';
import {
  emptySecond,
  formatSecond,
  noteCall,
  SLOW_CALL_MS,
  startPerfProbe,
} from '../../src/live/perf-probe.ts';

test('a second’s figures: count, slow calls and the slowest one by name', () => {
  let second = emptySecond();
  second = noteCall(second, 'getPlayback', 2);
  second = noteCall(second, 'appendChat', SLOW_CALL_MS + 30);
  second = noteCall(second, 'publish', SLOW_CALL_MS + 1);
  expect(second).toMatchObject({
    calls: 3,
    slowCalls: 2,
    callMaxMs: 80,
    slowestCall: 'appendChat',
  });
  expect(formatSecond(Date.UTC(2026, 0, 1), second)).toBe(
    '[perf] t=2026-01-01T00:00:00.000Z cpu=0ms loop-lag-max=0.0ms (cpu 0.0ms, run-queue 0.0ms) ' +
      'store-calls=3 slow(>50ms)=2 slowest=80.0ms (appendChat) ' +
      'by-call=getPlayback:1,appendChat:1,publish:1',
  );
});

test('the wrapped store behaves like the store and its calls are counted', async () => {
  const lines: string[] = [];
  const probe = startPerfProbe((line) => lines.push(line));
  try {
    const store = probe.wrap(createMemoryLiveStore());
    const state = { playing: false, position: 0, at: 1, rate: 1, seq: 0 };
    expect(await store.initPlayback('r', state)).toEqual(state);
    expect(await store.getPlayback('r')).toEqual(state);
    expect(store.kind).toBe('memory');
    const deadline = Date.now() + 3_000;
    while (!lines.some((l) => l.includes('store-calls=2')) && Date.now() < deadline) {
      await Bun.sleep(50);
    }
    expect(lines.some((l) => l.includes('store-calls=2'))).toBe(true);
  } finally {
    probe.stop();
  }
});
