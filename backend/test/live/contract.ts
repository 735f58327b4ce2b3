/**
 * One behaviour suite for every LiveStore implementation, so the in-memory
 * stand-in can't drift from Redis. `open()` returns a store on the SAME backing
 * state each time it is called within one test (a second instance / a restart).
 */
import { afterEach, beforeEach, describe, expect, test } from 'bun:test';
import type { Participant, PlaybackState } from '@kino/shared/types';
import type { LiveStore, RoomEvent } from '../../src/live/types.ts';

export interface LiveStoreHarness {
  /** Called before each test: fresh isolated backing state. */
  reset(): Promise<void>;
  /** A new store (connection) on the current backing state. */
  open(): Promise<LiveStore>;
  /** Called after each test: drop the backing state. */
  cleanup(): Promise<void>;
}

const playback = (seq: number, position = 0, playing = false): PlaybackState => ({
  playing,
  position,
  at: 1_700_000_000_000 + seq,
  rate: 1,
  seq,
});

const participant = (connectionId: string, userId: string, joinedAt: number): Participant => ({
  userId,
  name: userId.toUpperCase(),
  connectionId,
  instanceId: 'i1',
  joinedAt,
  buffering: false,
});

const chat = (id: string, text: string) => ({
  id,
  kind: 'text' as const,
  userId: 'anna',
  name: 'Анна',
  text,
  at: 1_700_000_000_000,
  position: 12.345678901234567,
});

function waitFor<T>(items: T[], count: number, ms = 2000): Promise<void> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const tick = () => {
      if (items.length >= count) return resolve();
      if (Date.now() - started > ms) return reject(new Error(`only ${items.length}/${count}`));
      setTimeout(tick, 5);
    };
    tick();
  });
}

export function liveStoreContract(name: string, harness: LiveStoreHarness): void {
  describe(`LiveStore contract: ${name}`, () => {
    let store: LiveStore;
    const opened: LiveStore[] = [];
    const open = async () => {
      const s = await harness.open();
      opened.push(s);
      return s;
    };

    beforeEach(async () => {
      await harness.reset();
      store = await open();
    });
    afterEach(async () => {
      for (const s of opened.splice(0)) await s.close();
      await harness.cleanup();
    });

    test('playback is null until initialised, and init keeps the first state', async () => {
      expect(await store.getPlayback('r1')).toBeNull();
      expect(await store.initPlayback('r1', playback(0, 5))).toEqual(playback(0, 5));
      expect(await store.initPlayback('r1', playback(7, 99))).toEqual(playback(0, 5));
      expect(await store.getPlayback('r1')).toEqual(playback(0, 5));
      expect(await store.getPlayback('other')).toBeNull();
    });

    test('compare-and-set accepts only the expected seq', async () => {
      expect(await store.casPlayback('r1', 0, playback(1))).toEqual({ ok: false, state: null });
      await store.initPlayback('r1', playback(0));
      expect(await store.casPlayback('r1', 0, playback(1, 10, true))).toEqual({
        ok: true,
        state: playback(1, 10, true),
      });
      expect(await store.casPlayback('r1', 0, playback(1, 20))).toEqual({
        ok: false,
        state: playback(1, 10, true),
      });
      expect(await store.getPlayback('r1')).toEqual(playback(1, 10, true));
    });

    test('concurrent compare-and-set from two instances: exactly one wins', async () => {
      const other = await open();
      await store.initPlayback('r1', playback(3));
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          (i % 2 ? store : other).casPlayback('r1', 3, playback(4, i)),
        ),
      );
      const winners = results.filter((r) => r.ok);
      expect(winners).toHaveLength(1);
      expect(await store.getPlayback('r1')).toEqual(winners[0]!.state!);
    });

    test('settings round-trip and are per room', async () => {
      expect(await store.getSettings('r1')).toBeNull();
      await store.setSettings('r1', { controlMode: 'owner', bufferPolicy: 'wait' });
      await store.setSettings('r1', { controlMode: 'everyone', bufferPolicy: 'continue' });
      expect(await store.getSettings('r1')).toEqual({
        controlMode: 'everyone',
        bufferPolicy: 'continue',
      });
      expect(await store.getSettings('r2')).toBeNull();
    });

    test('participants: put replaces by connection id, remove returns the removed one', async () => {
      await store.putParticipant('r1', participant('c2', 'boris', 20));
      await store.putParticipant('r1', participant('c1', 'anna', 10));
      await store.putParticipant('r1', { ...participant('c2', 'boris', 20), buffering: true });
      expect(await store.listParticipants('r1')).toEqual([
        participant('c1', 'anna', 10),
        { ...participant('c2', 'boris', 20), buffering: true },
      ]);
      expect(await store.removeParticipant('r1', 'c1')).toEqual(participant('c1', 'anna', 10));
      expect(await store.removeParticipant('r1', 'c1')).toBeNull();
      expect(await store.removeParticipant('nope', 'c1')).toBeNull();
      expect((await store.listParticipants('r1')).map((p) => p.connectionId)).toEqual(['c2']);
      expect(await store.listParticipants('empty')).toEqual([]);
    });

    test('chat assigns increasing cursors and is idempotent by client id', async () => {
      const a = await store.appendChat('r1', chat('m1', 'привет'));
      const b = await store.appendChat('r1', chat('m2', 'hi | there'));
      expect(a).toEqual({
        stored: true,
        message: { ...chat('m1', 'привет'), cursor: a.message.cursor },
      });
      expect(b.message.cursor).toBeGreaterThan(a.message.cursor);
      const again = await store.appendChat('r1', chat('m1', 'changed text'));
      expect(again).toEqual({ stored: false, message: a.message });
      const page = await store.chatPage('r1', { limit: 10 });
      expect(page).toEqual({ messages: [a.message, b.message], hasMore: false });
      expect(page.messages[0]!.position).toBe(12.345678901234567);
    });

    test('chat pages go backwards by cursor, oldest first within a page', async () => {
      const cursors: number[] = [];
      for (let i = 0; i < 7; i++) {
        cursors.push((await store.appendChat('r1', chat(`m${i}`, `text ${i}`))).message.cursor);
      }
      const newest = await store.chatPage('r1', { limit: 3 });
      expect(newest.messages.map((m) => m.text)).toEqual(['text 4', 'text 5', 'text 6']);
      expect(newest.hasMore).toBe(true);
      const middle = await store.chatPage('r1', { before: newest.messages[0]!.cursor, limit: 3 });
      expect(middle.messages.map((m) => m.text)).toEqual(['text 1', 'text 2', 'text 3']);
      expect(middle.hasMore).toBe(true);
      const oldest = await store.chatPage('r1', { before: middle.messages[0]!.cursor, limit: 3 });
      expect(oldest).toEqual({
        messages: [{ ...chat('m0', 'text 0'), cursor: cursors[0]! }],
        hasMore: false,
      });
      expect(await store.chatPage('r1', { before: cursors[0]!, limit: 3 })).toEqual({
        messages: [],
        hasMore: false,
      });
      expect(await store.chatPage('empty', { limit: 3 })).toEqual({ messages: [], hasMore: false });
    });

    test('concurrent chat appends with the same client id store one message', async () => {
      const other = await open();
      const results = await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          (i % 2 ? store : other).appendChat('r1', chat('same', `t${i}`)),
        ),
      );
      expect(results.filter((r) => r.stored)).toHaveLength(1);
      expect(new Set(results.map((r) => r.message.cursor)).size).toBe(1);
      expect((await store.chatPage('r1', { limit: 10 })).messages).toHaveLength(1);
    });

    test('deleteRoom drops everything of that room only', async () => {
      await store.initPlayback('r1', playback(0));
      await store.setSettings('r1', { controlMode: 'owner', bufferPolicy: 'wait' });
      await store.putParticipant('r1', participant('c1', 'anna', 1));
      await store.appendChat('r1', chat('m1', 'x'));
      await store.initPlayback('r2', playback(2));
      await store.deleteRoom('r1');
      expect(await store.getPlayback('r1')).toBeNull();
      expect(await store.getSettings('r1')).toBeNull();
      expect(await store.listParticipants('r1')).toEqual([]);
      expect(await store.chatPage('r1', { limit: 5 })).toEqual({ messages: [], hasMore: false });
      // A message id used before the delete is new again afterwards.
      expect((await store.appendChat('r1', chat('m1', 'y'))).stored).toBe(true);
      expect(await store.getPlayback('r2')).toEqual(playback(2));
    });

    test('state survives a new store instance on the same backing state (restart)', async () => {
      await store.initPlayback('r1', playback(0));
      await store.casPlayback('r1', 0, playback(1, 42, true));
      await store.putParticipant('r1', participant('c1', 'anna', 1));
      await store.appendChat('r1', chat('m1', 'before restart'));
      await store.close();
      opened.splice(opened.indexOf(store), 1);
      const restarted = await open();
      expect(await restarted.getPlayback('r1')).toEqual(playback(1, 42, true));
      expect(await restarted.listParticipants('r1')).toEqual([participant('c1', 'anna', 1)]);
      expect((await restarted.chatPage('r1', { limit: 5 })).messages.map((m) => m.text)).toEqual([
        'before restart',
      ]);
      expect((await restarted.appendChat('r1', chat('m1', 'dup'))).stored).toBe(false);
    });

    test('the bus delivers every event to every subscriber, across instances', async () => {
      const other = await open();
      const seenHere: RoomEvent[] = [];
      const seenThere: RoomEvent[] = [];
      await store.subscribe((e) => seenHere.push(e));
      const unsubscribe = await other.subscribe((e) => seenThere.push(e));
      const event: RoomEvent = {
        roomId: 'r1',
        origin: 'i1',
        message: { type: 'x', n: [1, 'два'] },
      };
      await store.publish(event);
      await waitFor(seenHere, 1);
      await waitFor(seenThere, 1);
      expect(seenHere).toEqual([event]);
      expect(seenThere).toEqual([event]);

      await unsubscribe();
      await other.publish({ ...event, origin: 'i2' });
      await waitFor(seenHere, 2);
      await new Promise((r) => setTimeout(r, 50));
      expect(seenThere).toHaveLength(1);
      expect(seenHere[1]!.origin).toBe('i2');
    });
  });
}
