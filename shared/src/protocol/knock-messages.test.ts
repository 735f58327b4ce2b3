import { describe, expect, test } from 'bun:test';
import { KNOCK_POLICY } from '../knock/policy.ts';
import type { ClientMessage } from './client-messages.ts';
import { isKnockStatusReply } from './knock-messages.ts';
import { parseClientMessage, parseServerMessage } from './parse.ts';
import type { ServerMessage } from './server-messages.ts';

const request = {
  userId: 'gleb',
  name: 'Глеб',
  friendOf: ['Анна'],
  at: 1_764_000_000_000,
  expiresAt: 1_764_000_600_000,
};

describe('knock messages', () => {
  test('the owner answers and revokes; an id is optional', () => {
    const messages: ClientMessage[] = [
      { type: 'knock-answer', userId: 'gleb', approve: true },
      { type: 'knock-answer', id: 'answer_0001', userId: 'gleb', approve: false },
      { type: 'revoke', userId: 'boris' },
    ];
    for (const message of messages) {
      expect(parseClientMessage(JSON.stringify(message))).toEqual({ ok: true, message });
    }
  });

  test('hostile answers are refused with the field named', () => {
    const bad = [
      { type: 'knock-answer', userId: 'gleb' },
      { type: 'knock-answer', userId: 'gleb', approve: 'yes' },
      { type: 'knock-answer', userId: '', approve: true },
      { type: 'knock-answer', userId: 'x'.repeat(129), approve: true },
      { type: 'knock-answer', userId: 'gleb', approve: true, admin: true },
      { type: 'revoke' },
      { type: 'revoke', userId: 42 },
    ];
    for (const message of bad) {
      const parsed = parseClientMessage(JSON.stringify(message));
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) expect(parsed.error.code).toBe('invalid_message');
    }
  });

  test('the knocks list is bounded: requests, and friends named on each', () => {
    const ok: ServerMessage = { type: 'knocks', requests: [request] };
    expect(parseServerMessage(JSON.stringify(ok))).toEqual({ ok: true, message: ok });
    const tooMany = {
      type: 'knocks',
      requests: Array.from({ length: KNOCK_POLICY.maxPendingPerRoom + 1 }, () => request),
    };
    expect(parseServerMessage(JSON.stringify(tooMany)).ok).toBe(false);
    const friends = Array.from({ length: KNOCK_POLICY.maxFriendOf + 1 }, (_, i) => `f${i}`);
    const tooFriendly = { type: 'knocks', requests: [{ ...request, friendOf: friends }] };
    expect(parseServerMessage(JSON.stringify(tooFriendly)).ok).toBe(false);
  });

  test('revoked and knock_gone are error codes clients understand', () => {
    for (const code of ['revoked', 'knock_gone']) {
      const message = { type: 'error', code, message: 'x', fatal: code === 'revoked' };
      expect(parseServerMessage(JSON.stringify(message)).ok).toBe(true);
    }
  });

  test('the knocker’s status reply', () => {
    const reply = { status: 'pending', expiresAt: 2, serverTime: 1 };
    expect(isKnockStatusReply(reply)).toBe(true);
    expect(isKnockStatusReply({ ...reply, status: 'maybe' })).toBe(false);
    expect(isKnockStatusReply({ ...reply, extra: 1 })).toBe(false);
    expect(isKnockStatusReply(null)).toBe(false);
  });
});
