import { describe, expect, test } from 'bun:test';
import { jsonBytes } from '../protocol/frame-budget.ts';
import type { Participant } from '../types.ts';
import {
  admitConnection,
  compactPresence,
  fitParticipant,
  PARTICIPANT_MAX_BYTES,
  ROOM_CAPACITY,
} from './presence.ts';

const entry = (userId: string, connectionId: string, joinedAt: number, buffering = false) => ({
  userId,
  name: userId.toUpperCase(),
  connectionId,
  instanceId: 'i1',
  joinedAt,
  buffering,
});

describe('compactPresence', () => {
  test('one entry per user, the earliest join, buffering if any tab buffers', () => {
    const list = compactPresence([
      entry('boris', 'c3', 30),
      entry('anna', 'c1', 10),
      entry('boris', 'c2', 20),
      entry('boris', 'c4', 40, true),
    ]);
    expect(list).toEqual([
      entry('anna', 'c1', 10),
      { ...entry('boris', 'c2', 20), buffering: true },
    ]);
  });
});

describe('admitConnection', () => {
  const keys = (...specs: [string, string, string][]) =>
    specs.map(([userId, clientId, connectionId]) => ({ userId, clientId, connectionId }));

  test('a new user joins and is announced', () => {
    expect(admitConnection([], { userId: 'anna', clientId: 'tab1', connectionId: 'new' })).toEqual({
      ok: true,
      replaces: [],
      firstOfUser: true,
    });
  });

  test('a second tab joins quietly', () => {
    const room = keys(['anna', 'tab1', 'c1']);
    expect(
      admitConnection(room, { userId: 'anna', clientId: 'tab2', connectionId: 'new' }),
    ).toEqual({
      ok: true,
      replaces: [],
      firstOfUser: false,
    });
  });

  test('the same tab reconnecting replaces its old entries, whichever instance held them', () => {
    const room = keys(['anna', 'tab1', 'c1'], ['anna', 'tab1', 'c2'], ['boris', 'tab1', 'c3']);
    expect(
      admitConnection(room, { userId: 'anna', clientId: 'tab1', connectionId: 'new' }),
    ).toEqual({
      ok: true,
      replaces: ['c1', 'c2'],
      firstOfUser: false,
    });
  });

  test('a retried join finds its own entry and is the same join again', () => {
    const room = keys(['anna', 'tab1', 'old'], ['anna', 'tab1', 'new']);
    expect(
      admitConnection(room, { userId: 'anna', clientId: 'tab1', connectionId: 'new' }),
    ).toEqual({
      ok: true,
      replaces: ['old'],
      firstOfUser: false,
    });
  });

  test('too many tabs of one user', () => {
    const tabs = Array.from({ length: ROOM_CAPACITY.maxConnectionsPerMember }, (_, i) =>
      keys(['anna', `tab${i}`, `c${i}`]),
    ).flat();
    expect(
      admitConnection(tabs, { userId: 'anna', clientId: 'tabX', connectionId: 'new' }),
    ).toEqual({
      ok: false,
      code: 'too_many_connections',
    });
    // A reconnect of one of those tabs still gets in.
    expect(
      admitConnection(tabs, { userId: 'anna', clientId: 'tab0', connectionId: 'new' }).ok,
    ).toBe(true);
  });

  test('a full room refuses new people but not more tabs of those inside', () => {
    const full = Array.from({ length: ROOM_CAPACITY.maxMembers }, (_, i) =>
      keys([`u${i}`, 'tab', `c${i}`]),
    ).flat();
    expect(
      admitConnection(full, { userId: 'stranger', clientId: 'tab', connectionId: 'new' }),
    ).toEqual({
      ok: false,
      code: 'room_full',
    });
    expect(
      admitConnection(full, { userId: 'u3', clientId: 'other-tab', connectionId: 'new' }).ok,
    ).toBe(true);
  });
});

describe('fitParticipant', () => {
  test('an ordinary entry is kept as it is', () => {
    const ordinary = entry('anna', 'c1', 1);
    expect(fitParticipant(ordinary)).toBe(ordinary);
  });

  test('a long name is shortened until the entry fits', () => {
    const long = { ...entry('anna', 'c1', 1), userId: 'Ж'.repeat(128), name: '字'.repeat(64) };
    const fitted = fitParticipant(long) as Participant;
    expect(jsonBytes(fitted)).toBeLessThanOrEqual(PARTICIPANT_MAX_BYTES);
    expect(fitted.name.endsWith('…')).toBe(true);
  });

  test('an absurd user id cannot fit at all', () => {
    expect(fitParticipant({ ...entry('x', 'c1', 1), userId: '"'.repeat(300) })).toBeNull();
  });

  test('a full room of worst-case entries fits the frame with room for chat', () => {
    const worst = fitParticipant({
      ...entry('x', 'c'.repeat(40), 1_764_000_000_000),
      userId: 'Ж'.repeat(100),
      name: '"'.repeat(64),
    }) as Participant;
    const list = Array.from({ length: ROOM_CAPACITY.maxMembers }, () => worst);
    expect(jsonBytes(list)).toBeLessThanOrEqual(
      ROOM_CAPACITY.maxMembers * PARTICIPANT_MAX_BYTES + 21,
    );
  });
});
