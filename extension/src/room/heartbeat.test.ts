import { describe, expect, test } from 'bun:test';
import { Heartbeat, PING_FAST_COUNT, pingIntervalMs } from './heartbeat';

function heartbeat() {
  let now = 1_000_000;
  const pings: number[] = [];
  const beat = new Heartbeat({
    now: () => now,
    ping: (_id, t0) => pings.push(t0),
    reconnect: () => {},
  });
  return {
    beat,
    pings,
    /** Ticks once a second for `seconds`, as the connection does. */
    run(seconds: number) {
      for (let i = 0; i < seconds; i++) {
        now += 1000;
        beat.heard();
        beat.tick();
      }
    },
  };
}

describe('clock pings', () => {
  test('after the burst, one a second for the fast phase, then one every 15 s', () => {
    expect(pingIntervalMs(5)).toBe(1000);
    expect(pingIntervalMs(5 + PING_FAST_COUNT - 1)).toBe(1000);
    expect(pingIntervalMs(5 + PING_FAST_COUNT)).toBe(15_000);
  });

  test('ticks a second apart send the fast pings, then slow down', () => {
    const { pings, run } = heartbeat();
    run(PING_FAST_COUNT + 5);
    expect(pings.length).toBeGreaterThanOrEqual(PING_FAST_COUNT);
    const fastPhase = pings.length;
    run(60);
    expect(pings.length - fastPhase).toBeLessThanOrEqual(5);
    expect(pings.length - fastPhase).toBeGreaterThanOrEqual(3);
  });

  test('a welcome (a reconnect) starts the fast phase again', () => {
    const { beat, pings, run } = heartbeat();
    run(PING_FAST_COUNT + 40);
    const before = pings.length;
    beat.welcomed();
    beat.dispose(); // the burst's timers: the ticks alone are counted here
    run(10);
    expect(pings.length - before).toBeGreaterThanOrEqual(9);
  });
});
