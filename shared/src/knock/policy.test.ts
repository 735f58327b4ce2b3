import { describe, expect, test } from 'bun:test';
import {
  answerKnock,
  decideKnock,
  KNOCK_POLICY,
  type KnockRecord,
  knockStatus,
  msLeft,
  pendingKnocks,
  roomHasRoom,
} from './policy.ts';

const T0 = 1_764_000_000_000;
const { ttlMs, maxAttempts, attemptWindowMs, maxPendingPerRoom } = KNOCK_POLICY;

function knocked(at: number): KnockRecord {
  const decision = decideKnock(null, at);
  if (decision.kind !== 'new') throw new Error('expected a new request');
  return decision.record;
}

describe('knockStatus', () => {
  test('pending until expiresAt, then expired', () => {
    const record = knocked(T0);
    expect(record.expiresAt).toBe(T0 + ttlMs);
    expect(knockStatus(record, T0 + ttlMs - 1)).toBe('pending');
    expect(knockStatus(record, T0 + ttlMs)).toBe('expired');
  });

  test('an answer does not expire', () => {
    const approved = { ...knocked(T0), status: 'approved' as const };
    expect(knockStatus(approved, T0 + 10 * ttlMs)).toBe('approved');
  });
});

describe('decideKnock', () => {
  test('the first knock is a new pending request with one attempt', () => {
    const decision = decideKnock(null, T0);
    expect(decision).toEqual({
      kind: 'new',
      record: { status: 'pending', createdAt: T0, expiresAt: T0 + ttlMs, attempts: [T0] },
    });
  });

  test('knocking again while pending is the same request, not a new attempt', () => {
    const record = knocked(T0);
    expect(decideKnock(record, T0 + 1000)).toEqual({ kind: 'pending', record });
  });

  test('after a decline or expiry a new request counts another attempt', () => {
    const declined = { ...knocked(T0), status: 'declined' as const };
    const again = decideKnock(declined, T0 + 5000);
    expect(again.kind).toBe('new');
    if (again.kind === 'new') expect(again.record.attempts).toEqual([T0, T0 + 5000]);
    const expired = decideKnock(knocked(T0), T0 + ttlMs);
    expect(expired.kind).toBe('new');
  });

  test(`at most ${maxAttempts} knocks per window; the retry time is when the oldest leaves it`, () => {
    let record: KnockRecord | null = null;
    const times: number[] = [];
    for (let i = 0; i < maxAttempts; i++) {
      const at = T0 + i * 60_000;
      times.push(at);
      const decision = decideKnock(record ? { ...record, status: 'declined' } : null, at);
      expect(decision.kind).toBe('new');
      if (decision.kind === 'new') record = decision.record;
    }
    const declined = { ...(record as KnockRecord), status: 'declined' as const };
    const now = T0 + maxAttempts * 60_000;
    expect(decideKnock(declined, now)).toEqual({
      kind: 'rate_limited',
      retryAt: (times[0] as number) + attemptWindowMs,
    });
    // Once the oldest attempt left the window, one more knock is allowed.
    const later = decideKnock(declined, (times[0] as number) + attemptWindowMs);
    expect(later.kind).toBe('new');
    if (later.kind === 'new') expect(later.record.attempts.length).toBe(maxAttempts);
  });
});

describe('answerKnock', () => {
  test('approves or declines a pending request', () => {
    const record = knocked(T0);
    expect(answerKnock(record, true, T0 + 1)).toEqual({
      ok: true,
      record: { ...record, status: 'approved' },
    });
    expect(answerKnock(record, false, T0 + 1)).toEqual({
      ok: true,
      record: { ...record, status: 'declined' },
    });
  });

  test('nothing to answer: none, answered, expired', () => {
    const record = knocked(T0);
    expect(answerKnock(null, true, T0)).toEqual({ ok: false, reason: 'gone' });
    expect(answerKnock({ ...record, status: 'declined' }, true, T0)).toEqual({
      ok: false,
      reason: 'gone',
    });
    expect(answerKnock(record, true, T0 + ttlMs)).toEqual({ ok: false, reason: 'gone' });
  });
});

describe('pendingKnocks', () => {
  test('only pending, unexpired requests, oldest first, bounded', () => {
    const many = Array.from({ length: maxPendingPerRoom + 3 }, (_, i) => ({
      ...knocked(T0 + (maxPendingPerRoom + 3 - i) * 1000),
      userId: `u${i}`,
    }));
    const answered = { ...knocked(T0), status: 'approved' as const, userId: 'done' };
    const old = { ...knocked(T0 - ttlMs), userId: 'old' };
    const shown = pendingKnocks([...many, answered, old], T0 + 20_000);
    expect(shown.length).toBe(maxPendingPerRoom);
    expect(shown.map((r) => r.userId)).not.toContain('done');
    expect(shown.map((r) => r.userId)).not.toContain('old');
    const created = shown.map((r) => r.createdAt);
    expect(created).toEqual([...created].sort((a, b) => a - b));
  });

  test('a room takes new requests while under its cap', () => {
    expect(roomHasRoom(maxPendingPerRoom - 1)).toBe(true);
    expect(roomHasRoom(maxPendingPerRoom)).toBe(false);
  });

  test('msLeft never goes negative', () => {
    expect(msLeft(T0 + 5000, T0)).toBe(5000);
    expect(msLeft(T0, T0 + 5000)).toBe(0);
  });
});
