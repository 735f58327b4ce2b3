import { describe, expect, test } from 'bun:test';
import type { ServerMessage } from '@kino/shared/protocol';
import { setLocale, t } from '../i18n';
import {
  addPending,
  expireTransient,
  initialRoomView,
  lastCursor,
  type RoomView,
  reduceServerMessage,
  TOAST_COALESCE_MS,
  TOAST_MS,
} from './room-state';

import { chat, joined, welcome } from './room-state.test-kit';

setLocale('en');

describe('room reducer', () => {
  test('welcome connects and takes the snapshot', () => {
    const view = joined();
    expect(view.status).toBe('connected');
    expect(view.you?.isOwner).toBe(true);
    expect(view.messages.map((m) => m.cursor)).toEqual([1, 2]);
    expect(view.hasMore).toBe(true);
    expect(lastCursor(view)).toBe(2);
  });

  test('a welcome after a reconnect keeps older history and adds the new lines once', () => {
    const withOld = reduceServerMessage(
      joined(),
      { type: 'history', messages: [chat(0, 'msg-0-id')], hasMore: false },
      0,
    );
    const again = reduceServerMessage(withOld, welcome([chat(2), chat(3)], true), 0);
    expect(again.messages.map((m) => m.cursor)).toEqual([0, 1, 2, 3]);
    expect(again.hasMore).toBe(false);
  });

  test("someone else's pause becomes a toast with name and film time; mine does not", () => {
    const paused = reduceServerMessage(
      joined(),
      {
        type: 'playback',
        playback: { playing: false, position: 754, at: 6000, rate: 1, seq: 2 },
        cause: { userId: 'boris', name: 'Boris', action: 'pause' },
      },
      100,
    );
    expect(paused.playback?.seq).toBe(2);
    expect(paused.toasts.map((toast) => t(toast.key, toast.params))).toEqual([
      'Boris paused at 12:34',
    ]);
    const mine = reduceServerMessage(
      joined(),
      {
        type: 'playback',
        playback: { playing: true, position: 1, at: 6000, rate: 1, seq: 2 },
        cause: { userId: 'anna', name: 'Anna', action: 'play' },
      },
      100,
    );
    expect(mine.toasts).toEqual([]);
  });

  describe('one user action is one toast', () => {
    type Action = 'play' | 'pause' | 'seek' | 'wait-buffering' | 'resume';
    const by = (
      userId: string,
      action: Action,
      position: number,
      playing: boolean,
      seq: number,
    ): ServerMessage => ({
      type: 'playback',
      playback: { playing, position, at: 6000, rate: 1, seq },
      cause: { userId, name: userId === 'boris' ? 'Boris' : 'Vera', action },
    });
    const texts = (view: RoomView) => view.toasts.map((toast) => t(toast.key, toast.params));
    const run = (steps: [ServerMessage, number][]) =>
      steps.reduce((view, [msg, now]) => reduceServerMessage(view, msg, now), joined());

    test('a click on the seek bar (pause, seek, play) is one "jumped to" toast', () => {
      const view = run([
        [by('boris', 'pause', 30, false, 2), 100],
        [by('boris', 'seek', 90, false, 3), 180],
        [by('boris', 'play', 90, true, 4), 260],
      ]);
      expect(texts(view)).toEqual(['Boris jumped to 1:30']);
      // The merged toast stays as long as a fresh one from its last step.
      expect(expireTransient(view, 260 + TOAST_MS - 1).toasts).toHaveLength(1);
    });

    test('a drag of the seek bar (several seeks) ends on its last position', () => {
      const view = run([
        [by('boris', 'seek', 40, true, 2), 0],
        [by('boris', 'seek', 60, true, 3), 600],
        [by('boris', 'seek', 75, true, 4), 1200],
      ]);
      expect(texts(view)).toEqual(['Boris jumped to 1:15']);
    });

    test('a seek that ends paused says so', () => {
      const view = run([
        [by('boris', 'pause', 10, false, 2), 0],
        [by('boris', 'seek', 20, false, 3), 50],
      ]);
      expect(texts(view)).toEqual(['Boris jumped to 0:20 and paused']);
    });

    test('pause then play without a seek says the last thing done', () => {
      const view = run([
        [by('boris', 'pause', 10, false, 2), 0],
        [by('boris', 'play', 10, true, 3), 500],
      ]);
      expect(texts(view)).toEqual(['Boris pressed play at 0:10']);
    });

    test('actions further apart than the window are separate toasts', () => {
      const view = run([
        [by('boris', 'pause', 10, false, 2), 0],
        [by('boris', 'play', 10, true, 3), TOAST_COALESCE_MS],
      ]);
      expect(texts(view)).toEqual(['Boris paused at 0:10', 'Boris pressed play at 0:10']);
    });

    test('two people acting at once keep a toast each', () => {
      const view = run([
        [by('boris', 'pause', 10, false, 2), 0],
        [by('vera', 'seek', 50, false, 3), 100],
        [by('boris', 'play', 50, true, 4), 200],
      ]);
      expect(texts(view)).toEqual(['Boris pressed play at 0:50', 'Vera jumped to 0:50 and paused']);
    });

    test('the room waiting for a buffering member is its own toast, never folded', () => {
      const view = run([
        [by('boris', 'pause', 10, false, 2), 0],
        [by('boris', 'wait-buffering', 10, false, 3), 100],
        [by('boris', 'resume', 10, true, 4), 200],
      ]);
      expect(texts(view)).toEqual([
        'Boris paused at 0:10',
        'Waiting for Boris to load',
        'Everyone is ready, playing on',
      ]);
    });
  });

  test('toasts and floating reactions expire', () => {
    const view = reduceServerMessage(
      reduceServerMessage(
        joined(),
        {
          type: 'presence',
          participants: [],
          event: { kind: 'join', userId: 'vera', name: 'Vera' },
        },
        0,
      ),
      { type: 'chat', message: chat(3, 'react-3-id', 'reaction') },
      0,
    );
    expect(view.toasts).toHaveLength(1);
    expect(view.floating.map((f) => f.emoji)).toEqual(['😍']);
    expect(expireTransient(view, TOAST_MS - 1).toasts).toHaveLength(1);
    const later = expireTransient(view, TOAST_MS + 1);
    expect(later.toasts).toEqual([]);
    expect(later.floating).toEqual([]);
  });

  test('the server echo of my chat line clears it from pending', () => {
    const pending = addPending(joined(), { id: 'mine-0001', kind: 'text', text: 'hi' });
    expect(pending.pending).toHaveLength(1);
    const echoed = reduceServerMessage(
      pending,
      { type: 'chat', message: { ...chat(3), id: 'mine-0001' } },
      0,
    );
    expect(echoed.pending).toEqual([]);
    expect(echoed.messages.at(-1)?.id).toBe('mine-0001');
  });

  test('a refused chat line (error with ref) leaves pending, the error is shown', () => {
    const pending = addPending(joined(), { id: 'mine-0002', kind: 'text', text: 'x'.repeat(10) });
    const refused = reduceServerMessage(
      pending,
      { type: 'error', code: 'rate_limited', message: 'slow down', ref: 'mine-0002' },
      0,
    );
    expect(refused.pending).toEqual([]);
    expect(refused.lastError).toEqual({ code: 'rate_limited', message: 'slow down' });
  });

  test('a line the server could not apply now stays pending, to be sent again', () => {
    const pending = addPending(joined(), { id: 'mine-0003', kind: 'text', text: 'later' });
    for (const code of ['unavailable', 'internal'] as const) {
      const kept = reduceServerMessage(
        pending,
        { type: 'error', code, message: 'retry', ref: 'mine-0003' },
        0,
      );
      expect(kept.pending.map((p) => p.id)).toEqual(['mine-0003']);
    }
  });

  test('an older playback (overtaken on the way) never moves the room back', () => {
    const view = joined();
    const newer = { playing: true, position: 10, at: 6000, rate: 1, seq: 5 };
    const at5 = reduceServerMessage(view, { type: 'playback', playback: newer, cause: null }, 0);
    const older = { ...newer, position: 2, seq: 4 };
    const after = reduceServerMessage(at5, { type: 'playback', playback: older, cause: null }, 0);
    expect(after.playback).toEqual(newer);
  });

  test('room-closed ends the room with its reason', () => {
    const closed = reduceServerMessage(
      joined(),
      { type: 'room-closed', reason: 'closed-by-owner' },
      0,
    );
    expect(closed.status).toBe('closed');
    expect(closed.closedReason).toBe('closed-by-owner');
  });

  test('host-only control takes control from a guest and gives it back', () => {
    const guestWelcome = welcome([], false);
    if (guestWelcome.type !== 'welcome') throw new Error('welcome expected');
    const guest = reduceServerMessage(
      initialRoomView(),
      { ...guestWelcome, you: { ...guestWelcome.you, userId: 'boris', isOwner: false } },
      0,
    );
    const ownerOnly = { controlMode: 'owner', bufferPolicy: 'wait' } as const;
    const limited = reduceServerMessage(guest, { type: 'settings', settings: ownerOnly }, 0);
    expect(limited.you?.canControl).toBe(false);
    expect(limited.settings).toEqual(ownerOnly);
    const everyone = { ...ownerOnly, controlMode: 'everyone' } as const;
    const open = reduceServerMessage(limited, { type: 'settings', settings: everyone }, 0);
    expect(open.you?.canControl).toBe(true);
    // The host keeps control either way.
    const host = reduceServerMessage(joined(), { type: 'settings', settings: ownerOnly }, 0);
    expect(host.you?.canControl).toBe(true);
  });
});
