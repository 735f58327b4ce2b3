/** The hub anchors a command at the client's `at` (clamped), so the actor is not ahead of the room. */
import { afterEach, beforeEach, describe, expect, test } from 'bun:test';
import { createMemoryLiveState } from '../../src/live/memory.ts';
import {
  clock,
  joined,
  type MemorySocket,
  protocolViolations,
  startMemoryInstance,
  type TestInstance,
  until,
} from './memory-hub.support.ts';

afterEach(() => {
  expect(protocolViolations).toEqual([]);
});

let instance: TestInstance;

beforeEach(async () => {
  instance = await startMemoryInstance(createMemoryLiveState());
});

async function annaAndBoris(): Promise<[MemorySocket, MemorySocket]> {
  const anna = await joined(instance, 'anna');
  const boris = await joined(instance, 'boris');
  await until(() => anna.ofType('presence').length >= 2, 'anna sees boris join');
  anna.clear();
  boris.clear();
  return [anna, boris];
}

/** Sends a command and waits for its broadcast to reach the other member. */
async function command(from: MemorySocket, to: MemorySocket, frame: object) {
  const before = to.ofType('playback').length;
  from.push(frame);
  await until(() => to.ofType('playback').length > before, 'the broadcast');
  return to.ofType('playback').at(-1)?.playback;
}

describe('command time (`at`)', () => {
  test('a play is anchored at the client’s `at`, not at the server’s receive time', async () => {
    const [anna, boris] = await annaAndBoris();
    clock.now += 5_000;
    const at = clock.now - 120;
    const playback = await command(anna, boris, { type: 'play', baseSeq: 0, position: 7, at });
    expect(playback).toEqual({ playing: true, position: 7, at, rate: 1, seq: 1 });
  });

  test('an `at` more than a second old is clamped to now − 1 s; a future one to now', async () => {
    const [anna, boris] = await annaAndBoris();
    clock.now += 5_000;
    const old = await command(anna, boris, {
      type: 'play',
      baseSeq: 0,
      position: 1,
      at: clock.now - 4_000,
    });
    expect(old?.at).toBe(clock.now - 1_000);
    clock.now += 5_000;
    const future = await command(boris, anna, {
      type: 'seek',
      baseSeq: 1,
      position: 60,
      at: clock.now + 700,
    });
    expect(future).toMatchObject({ playing: true, position: 60, at: clock.now, seq: 2 });
  });

  test('never anchored before the state it replaces', async () => {
    const [anna, boris] = await annaAndBoris();
    clock.now += 5_000;
    const first = await command(anna, boris, { type: 'play', baseSeq: 0, position: 3 });
    expect(first?.at).toBe(clock.now);
    clock.now += 200;
    // Boris's clock estimate is 500 ms behind: his pause claims a time before Anna's play.
    const paused = await command(boris, anna, {
      type: 'pause',
      baseSeq: 1,
      position: 3.2,
      at: clock.now - 500,
    });
    expect(paused).toMatchObject({ playing: false, position: 3.2, at: clock.now - 200, seq: 2 });
  });

  test('an older client without `at` gets the receive time', async () => {
    const [anna, boris] = await annaAndBoris();
    clock.now += 5_000;
    const playback = await command(anna, boris, { type: 'play', baseSeq: 0, position: 2 });
    expect(playback?.at).toBe(clock.now);
  });

  test('a malformed `at` is refused with a clear error and changes nothing', async () => {
    const [anna, boris] = await annaAndBoris();
    anna.push({ type: 'play', baseSeq: 0, position: 2, at: 'soon' });
    await until(() => anna.ofType('error').length === 1, 'the error');
    expect(anna.ofType('error')[0]).toMatchObject({ code: 'invalid_message' });
    expect(anna.ofType('error')[0]?.message).toContain('at');
    expect(boris.ofType('playback')).toEqual([]);
  });
});
