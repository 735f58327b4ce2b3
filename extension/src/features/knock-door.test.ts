/** The knocker's door: knock, wait (polling), and be let in — or told no — with a fake clock. */
import { afterEach, beforeEach, expect, jest, test } from 'bun:test';
import type { KnockStatusReply } from '@kino/shared/protocol';
import type { ApiResult } from '../api/result';
import { createKnockDoor } from './knock-door';

const NOW = 1_764_000_000_000;
const reply = (status: KnockStatusReply['status']): ApiResult<KnockStatusReply> => ({
  ok: true,
  // The server's clock runs 5 s ahead of ours.
  data: { status, expiresAt: NOW + 5000 + 600_000, serverTime: NOW + 5000 },
});

beforeEach(() => jest.useFakeTimers({ now: NOW }));
afterEach(() => jest.useRealTimers());

function setup(answers: ApiResult<KnockStatusReply>[]) {
  const calls: boolean[] = [];
  const onApproved = jest.fn();
  const abort = new AbortController();
  const door = createKnockDoor({
    call: async (ask) => {
      calls.push(ask);
      return answers.shift() ?? reply('pending');
    },
    onApproved,
    signal: abort.signal,
    now: () => Date.now(),
    pollMs: 2000,
  });
  return { door, calls, onApproved, abort };
}

const flush = () => new Promise<void>((resolve) => queueMicrotask(resolve));

async function tick(ms: number) {
  jest.advanceTimersByTime(ms);
  for (let i = 0; i < 5; i++) await flush();
}

test('knock, poll while pending, approved: the session starts again', async () => {
  const { door, calls, onApproved } = setup([
    reply('pending'),
    reply('pending'),
    reply('approved'),
  ]);
  await door.knock();
  // Expiry in our clock: the server's offset taken out.
  expect(door.state.value).toEqual({ phase: 'pending', expiresAt: NOW + 600_000 });
  await door.knock(); // a second press while pending does nothing
  expect(calls).toEqual([true]);
  await tick(2000);
  expect(calls).toEqual([true, false]);
  await tick(2000);
  expect(door.state.value).toEqual({ phase: 'approved' });
  expect(onApproved).toHaveBeenCalledTimes(1);
  await tick(10_000);
  expect(calls).toEqual([true, false, false]); // no polling after the answer
});

test('declined stops polling; a failed poll keeps waiting', async () => {
  const network: ApiResult<KnockStatusReply> = {
    ok: false,
    error: { code: 'network', message: 'down', status: 0 },
  };
  const { door, calls, onApproved } = setup([reply('pending'), network, reply('declined')]);
  await door.knock();
  await tick(2000);
  expect(door.state.value.phase).toBe('pending');
  await tick(2000);
  expect(door.state.value).toEqual({ phase: 'declined' });
  await tick(10_000);
  expect(calls.length).toBe(3);
  expect(onApproved).not.toHaveBeenCalled();
});

test('a rate-limited knock is a refusal with its wait; leaving stops everything', async () => {
  const limited: ApiResult<KnockStatusReply> = {
    ok: false,
    error: { code: 'knock_rate_limited', message: 'later', status: 429, retryAfterSeconds: 900 },
  };
  const { door } = setup([limited]);
  await door.knock();
  expect(door.state.value).toEqual({
    phase: 'refused',
    code: 'knock_rate_limited',
    message: 'later',
    retryAfterSeconds: 900,
  });
  const second = setup([reply('pending')]);
  await second.door.knock();
  second.abort.abort();
  await tick(10_000);
  expect(second.calls).toEqual([true]);
});

test('resume shows a pending request from an earlier visit, and ignores none', async () => {
  const missing: ApiResult<KnockStatusReply> = {
    ok: false,
    error: { code: 'knock_not_found', message: 'none', status: 404 },
  };
  const none = setup([missing]);
  await none.door.resume();
  expect(none.door.state.value).toEqual({ phase: 'idle' });
  const earlier = setup([reply('pending')]);
  await earlier.door.resume();
  expect(earlier.door.state.value.phase).toBe('pending');
  earlier.abort.abort();
});

test('a resume answered after the user knocked does not start a second polling chain', async () => {
  let release: (r: ApiResult<KnockStatusReply>) => void = () => {};
  const calls: boolean[] = [];
  const onApproved = jest.fn();
  const door = createKnockDoor({
    call: (ask) => {
      calls.push(ask);
      if (calls.length === 1) return new Promise((resolve) => (release = resolve));
      return Promise.resolve(calls.length >= 4 ? reply('approved') : reply('pending'));
    },
    onApproved,
    signal: new AbortController().signal,
    now: () => Date.now(),
    pollMs: 2000,
  });
  const resumed = door.resume();
  await door.knock();
  release(reply('pending'));
  await resumed;
  await tick(2000);
  await tick(2000);
  await tick(2000);
  // resume (GET), knock (POST), then one poll every 2 s until approved: never two at once.
  expect(calls).toEqual([false, true, false, false]);
  expect(onApproved).toHaveBeenCalledTimes(1);
});
