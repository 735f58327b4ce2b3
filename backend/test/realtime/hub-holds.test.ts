/**
 * Owner-only control cannot be bypassed by reporting `buffering`: a member's stall holds the
 * room at most BUFFER_HOLD_POLICY.maxHoldMs, and their stalls hold it at most
 * maxHoldsPerWindow times per window; then the room plays on and they catch up.
 */
import { afterEach, beforeEach, expect, test } from 'bun:test';
import { createMemoryLiveState } from '../../src/live/memory.ts';
import { BUFFER_HOLD_POLICY } from '../../src/realtime/limits.ts';
import {
  clock,
  Fault,
  joined,
  type MemorySocket,
  protocolViolations,
  settle,
  startMemoryInstance,
  type TestInstance,
  through,
  until,
} from './memory-hub.support.ts';

afterEach(() => {
  expect(protocolViolations).toEqual([]);
});

let instance: TestInstance;
let anna: MemorySocket;
let boris: MemorySocket;
/** The record (Postgres) as the hub sees it: up unless a test takes it down. */
const database = new Fault();

const actions = (socket: MemorySocket) =>
  socket.ofType('playback').map((p) => p.cause?.action ?? 'snapshot');

let state = createMemoryLiveState();

/** Boris's stall holds the room; everyone has the hold. Answers the hold's seq. */
async function borisHoldsTheRoom(): Promise<number> {
  boris.push({ type: 'buffering', stalled: true });
  await until(() => [anna, boris].every((s) => actions(s).includes('wait-buffering')));
  return anna.ofType('playback').at(-1)!.playback.seq;
}

beforeEach(async () => {
  database.down = false;
  state = createMemoryLiveState();
  instance = await startMemoryInstance(state, 'i1', {
    record: (record) => through(record, database, 'database'),
  });
  anna = await joined(instance, 'anna');
  boris = await joined(instance, 'boris');
  anna.push({ type: 'settings', controlMode: 'owner' });
  anna.push({ type: 'play', baseSeq: 0, position: 0 });
  await until(() => actions(boris).includes('play'));
  boris.clear();
});

test('a member cannot pause an owner-only room by command', async () => {
  boris.push({ type: 'pause', id: 'boris-pause-1', baseSeq: 1, position: 3 });
  await until(() => boris.ofType('error').length === 1);
  expect(boris.ofType('error')[0]).toMatchObject({ code: 'not_allowed', ref: 'boris-pause-1' });
});

test('a stall holds the room at most maxHoldMs; then it plays on though the member still stalls', async () => {
  await borisHoldsTheRoom();
  clock.now += BUFFER_HOLD_POLICY.maxHoldMs - 1;
  instance.hub.sweep(clock.now);
  await settle();
  expect(actions(boris)).toEqual(['wait-buffering']);
  clock.now += 1;
  instance.hub.sweep(clock.now);
  await until(() => actions(boris).includes('resume'));
  expect(anna.ofType('playback').at(-1)?.playback.playing).toBe(true);
  // Still stalled: the same stall does not hold the room again.
  await settle();
  expect(actions(boris)).toEqual(['wait-buffering', 'resume']);
});

test('stall, recover, stall again: at most maxHoldsPerWindow holds per window', async () => {
  const rounds = BUFFER_HOLD_POLICY.maxHoldsPerWindow + 3;
  for (let i = 0; i < rounds; i++) {
    clock.now += 2_000;
    boris.push({ type: 'buffering', stalled: true });
    clock.now += 500;
    boris.push({ type: 'buffering', stalled: false });
    await until(
      () => boris.ofType('presence').filter((p) => p.event?.kind === 'ready').length === i + 1,
    );
    await settle();
  }
  const holds = actions(anna).filter((a) => a === 'wait-buffering');
  expect(holds).toHaveLength(BUFFER_HOLD_POLICY.maxHoldsPerWindow);
  expect(anna.ofType('playback').at(-1)?.playback.playing).toBe(true);
  // Their stalls are still shown to everyone.
  expect(anna.ofType('presence').filter((p) => p.event?.kind === 'buffering')).toHaveLength(rounds);
  // A new window, a new budget.
  clock.now += BUFFER_HOLD_POLICY.windowMs;
  boris.push({ type: 'buffering', stalled: true });
  await until(
    () => actions(anna).filter((a) => a === 'wait-buffering').length === holds.length + 1,
  );
});

test('the owner’s own pause ends a hold for good', async () => {
  const seq = await borisHoldsTheRoom();
  anna.push({ type: 'pause', baseSeq: seq, position: 3 });
  await until(() => actions(anna).includes('pause'));
  boris.push({ type: 'buffering', stalled: false });
  clock.now += BUFFER_HOLD_POLICY.maxHoldMs;
  instance.hub.sweep(clock.now);
  await settle();
  expect(actions(anna)).not.toContain('resume');
});

test('a seek during a hold moves it: the room resumes from there when the stall ends', async () => {
  const seq = await borisHoldsTheRoom();
  anna.push({ type: 'seek', baseSeq: seq, position: 100 });
  await until(() => actions(anna).includes('seek'));
  expect(anna.ofType('playback').at(-1)?.playback).toMatchObject({ playing: false, position: 100 });
  boris.push({ type: 'buffering', stalled: false });
  await until(() => actions(anna).includes('resume'));
  expect(anna.ofType('playback').at(-1)?.playback).toMatchObject({ playing: true, position: 100 });
});

test('a seek during a hold keeps its deadline: the room plays on when it runs out', async () => {
  const seq = await borisHoldsTheRoom();
  anna.push({ type: 'seek', baseSeq: seq, position: 3.1 }); // her player skipping a gap
  await until(() => actions(anna).includes('seek'));
  clock.now += BUFFER_HOLD_POLICY.maxHoldMs;
  instance.hub.sweep(clock.now);
  await until(() => actions(anna).includes('resume'));
  expect(anna.ofType('playback').at(-1)?.playback.playing).toBe(true);
});

test('the record away when a hold runs out: the room plays on once it is back', async () => {
  await borisHoldsTheRoom();
  database.down = true;
  clock.now += BUFFER_HOLD_POLICY.maxHoldMs;
  instance.hub.sweep(clock.now);
  await settle();
  expect(actions(boris)).toEqual(['wait-buffering']);
  database.down = false;
  clock.now += 1_000;
  instance.hub.sweep(clock.now);
  await until(() => actions(boris).includes('resume'));
  expect(boris.ofType('playback').at(-1)?.playback.playing).toBe(true);
  expect(instance.errors).toEqual([]); // an outage is expected, not logged as a fault
});

test('a hold that outlives its instance (a restart) still ends at its deadline', async () => {
  await borisHoldsTheRoom();
  // The instance is gone; its members' presence (Boris still stalled) lingers in Redis until
  // it expires. Anna reconnects to the instance that replaces it.
  const next = await startMemoryInstance(state, 'i2');
  const again = await joined(next, 'anna');
  await settle();
  expect(actions(again)).toEqual(['snapshot']);
  clock.now += BUFFER_HOLD_POLICY.maxHoldMs;
  next.hub.sweep(clock.now);
  await until(() => actions(again).includes('resume'));
  expect(again.ofType('playback').at(-1)?.playback.playing).toBe(true);
});
