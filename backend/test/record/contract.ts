/**
 * One behaviour suite for every RoomRecord (memory, PGlite, Postgres), so the stand-in used by
 * the hub tests cannot drift from the real record.
 */
import { beforeEach, describe, expect, test } from 'bun:test';
import { NO_BUFFERING } from '@kino/shared/room/buffering';
import type { PlaybackState, RoomSettings } from '@kino/shared/types';
import { ReactionLimitError } from '../../src/record/errors.ts';
import type { RoomRecord } from '../../src/record/types.ts';

/** The reaction limit every harness gives its record, so the contract can reach it. */
export const CONTRACT_MAX_REACTIONS = 3;

export interface RecordHarness {
  /**
   * A record with rooms `r1` and `r2` existing and no live state yet, keeping at most
   * CONTRACT_MAX_REACTIONS reactions per room.
   */
  fresh(): Promise<RoomRecord>;
  /** When each room was last touched (ms), or undefined. */
  touchedAt(roomId: string): Promise<number | undefined>;
}

const playback = (seq: number, position = 0, playing = false): PlaybackState => ({
  playing,
  position,
  at: 1_700_000_000_000 + seq,
  rate: 1,
  seq,
});
const settings: RoomSettings = { controlMode: 'everyone', bufferPolicy: 'wait' };
const initial = { playback: playback(0), settings };

const line = (id: string, text: string) => ({
  id,
  kind: 'text' as const,
  userId: 'anna',
  name: 'Анна',
  text,
  at: 1_700_000_000_000,
  position: 12.345678901234567,
});

export function roomRecordContract(name: string, harness: RecordHarness): void {
  describe(`RoomRecord contract: ${name}`, () => {
    let record: RoomRecord;
    beforeEach(async () => {
      record = await harness.fresh();
    });

    test('load creates the record once, from the initial state', async () => {
      expect(await record.get('r1')).toBeNull();
      const first = await record.load('r1', initial);
      expect(first).toEqual({
        playback: playback(0),
        settings,
        buffering: NO_BUFFERING,
        chatCursor: 0,
      });
      const again = await record.load('r1', { playback: playback(9, 50), settings });
      expect(again.playback).toEqual(playback(0));
    });

    test("a room's first line makes its record, from that room's initial state", async () => {
      const owned = { controlMode: 'owner', bufferPolicy: 'continue' } as const;
      // Two rooms' first lines at once (one batch, or two).
      const [a, b] = await Promise.all([
        record.appendChat('r1', line('a', 'first in r1'), initial),
        record.appendChat('r2', line('b', 'first in r2'), {
          playback: playback(7, 42, true),
          settings: owned,
        }),
      ]);
      expect([a.message.cursor, b.message.cursor]).toEqual([1, 1]);
      // A later line's initial state is not used: the record is there.
      await record.appendChat('r2', line('c', 'second in r2'), initial);
      expect(await record.get('r1')).toMatchObject({ playback: playback(0), settings });
      expect(await record.get('r2')).toEqual({
        playback: playback(7, 42, true),
        settings: owned,
        buffering: NO_BUFFERING,
        chatCursor: 2,
      });
    });

    test('playback compare-and-set accepts only the expected seq', async () => {
      expect(await record.casPlayback('r1', 0, playback(1))).toEqual({ ok: false, state: null });
      await record.load('r1', initial);
      const next = playback(1, 42 + 1 / 3, true);
      expect(await record.casPlayback('r1', 0, next)).toEqual({ ok: true, state: next });
      expect(await record.casPlayback('r1', 0, playback(1, 7))).toEqual({ ok: false, state: next });
      expect((await record.get('r1'))?.playback).toEqual(next);
    });

    test('concurrent compare-and-set: exactly one wins', async () => {
      await record.load('r1', initial);
      const results = await Promise.all(
        Array.from({ length: 8 }, (_, i) => record.casPlayback('r1', 0, playback(1, i))),
      );
      expect(results.filter((r) => r.ok)).toHaveLength(1);
    });

    test('buffering state is written with the playback it belongs to', async () => {
      await record.load('r1', initial);
      const buffering = {
        hold: { seq: 1, startedAt: 5, by: ['boris'] },
        accounts: { boris: { windowStart: 5, holds: 1, lastStall: 4 } },
      };
      await record.casPlayback('r1', 0, playback(1), buffering);
      expect((await record.get('r1'))?.buffering).toEqual(buffering);
      await record.casPlayback('r1', 1, playback(2));
      expect((await record.get('r1'))?.buffering).toEqual(buffering);
    });

    test('settings are kept', async () => {
      await record.load('r1', initial);
      await record.setSettings('r1', { controlMode: 'owner', bufferPolicy: 'continue' });
      expect((await record.get('r1'))?.settings).toEqual({
        controlMode: 'owner',
        bufferPolicy: 'continue',
      });
    });

    test('chat gets consecutive cursors and is stored once per client id', async () => {
      const a = await record.appendChat('r1', line('m1', 'привет 😀'), initial);
      const b = await record.appendChat('r1', line('m2', 'hi " \\ there'), initial);
      expect(a).toEqual({ stored: true, message: { ...line('m1', 'привет 😀'), cursor: 1 } });
      expect(b.message.cursor).toBe(2);
      expect(await record.appendChat('r1', line('m1', 'changed'), initial)).toEqual({
        stored: false,
        message: a.message,
      });
      const c = await record.appendChat('r1', line('m3', 'after a duplicate'), initial);
      expect(c.message.cursor).toBe(3);
      expect((await record.get('r1'))?.chatCursor).toBe(3);
      expect((await record.chatPage('r2', { limit: 5 })).messages).toEqual([]);
    });

    test('lines come back exactly as sent, whatever their characters', async () => {
      const texts = [
        '{a,b}',
        'NULL',
        '',
        ' "quoted" ',
        'back\\slash\\',
        'line\nbreak\ttab',
        '🎬,}',
      ];
      const sent = await Promise.all(
        texts.map((text, i) =>
          record.appendChat('r1', { ...line(`id,{${i}}"`, text), name: `N "${i}", {x}` }, initial),
        ),
      );
      const page = await record.chatPage('r1', { limit: 20 });
      const byId = new Map(page.messages.map((m) => [m.id, m]));
      for (const { message } of sent) expect(byId.get(message.id)).toEqual(message);
    });

    test('concurrent lines: consecutive cursors, no holes, one line per id', async () => {
      await record.load('r1', initial);
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          record.appendChat('r1', line(`m${i % 10}`, `t${i}`), initial),
        ),
      );
      expect(results.filter((r) => r.stored)).toHaveLength(10);
      const page = await record.chatPage('r1', { limit: 100 });
      expect(page.messages.map((m) => m.cursor)).toEqual(
        Array.from({ length: 10 }, (_, i) => i + 1),
      );
    });

    test('pages go backwards by cursor; after/before bound them', async () => {
      for (let i = 1; i <= 7; i++)
        await record.appendChat('r1', line(`m${i}`, `text ${i}`), initial);
      const newest = await record.chatPage('r1', { limit: 3 });
      expect(newest.messages.map((m) => m.cursor)).toEqual([5, 6, 7]);
      expect(newest.hasMore).toBe(true);
      const older = await record.chatPage('r1', { before: 5, limit: 3 });
      expect(older.messages.map((m) => m.cursor)).toEqual([2, 3, 4]);
      const oldest = await record.chatPage('r1', { before: 2, limit: 3 });
      expect(oldest).toEqual({
        messages: [{ ...line('m1', 'text 1'), cursor: 1 }],
        hasMore: false,
      });
      const catchUp = await record.chatPage('r1', { after: 5, limit: 10 });
      expect(catchUp.messages.map((m) => m.cursor)).toEqual([6, 7]);
      expect(catchUp.hasMore).toBe(true);
      expect((await record.chatAfter('r1', 2, 3)).map((m) => m.cursor)).toEqual([3, 4, 5]);
      expect(await record.chatAfter('r1', 7, 3)).toEqual([]);
      expect(newest.messages[0]?.position).toBe(12.345678901234567);
    });

    test('chat cursors of several rooms at once', async () => {
      await record.appendChat('r1', line('m1', 'x'), initial);
      await record.appendChat('r1', line('m2', 'y'), initial);
      await record.load('r2', initial);
      const cursors = await record.chatCursors(['r1', 'r2', 'none']);
      expect([...cursors].sort()).toEqual([
        ['r1', 2],
        ['r2', 0],
      ]);
      expect(await record.chatCursors([])).toEqual(new Map());
    });

    test('touching rooms restarts their idle clock', async () => {
      await record.touchRooms(['r1'], 1_800_000_000_000);
      expect(await harness.touchedAt('r1')).toBe(1_800_000_000_000);
      await record.touchRooms([], 1);
    });

    test('a room keeps at most its limit of reactions; chat and resends go on', async () => {
      const reaction = (id: string) => ({ ...line(id, '😂'), kind: 'reaction' as const });
      for (let i = 1; i <= CONTRACT_MAX_REACTIONS; i++) {
        const { stored } = await record.appendChat('r1', reaction(`r_react_${i}`), initial);
        expect(stored).toBe(true);
      }
      const refused = await record.appendChat('r1', reaction('r_react_over'), initial).then(
        () => null,
        (error: unknown) => error,
      );
      expect(refused).toBeInstanceOf(ReactionLimitError);
      // Nothing was stored and no cursor was used up: the next line is the next cursor.
      const text = await record.appendChat('r1', line('m_after_limit', 'ещё можно'), initial);
      expect(text.message.cursor).toBe(CONTRACT_MAX_REACTIONS + 1);
      // A resend of a stored reaction is answered with the stored one.
      const resent = await record.appendChat('r1', reaction('r_react_2'), initial);
      expect(resent).toMatchObject({ stored: false, message: { cursor: 2 } });
      // The limit is per room.
      expect((await record.appendChat('r2', reaction('r_react_r2'), initial)).stored).toBe(true);
    });
  });
}
