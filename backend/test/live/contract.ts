/**
 * One behaviour suite for every LiveStore implementation, so the in-memory
 * stand-in can't drift from Redis. `open()` returns a store on the SAME backing
 * state each time it is called within one test (a second instance / a restart).
 */
import { afterEach, beforeEach, describe, expect, test } from 'bun:test';
import type { Participant, PlaybackState } from '@kino/shared/types';
import type { BusMessage, LiveParticipant, LiveStore, RoomEvent } from '../../src/live/types.ts';

/** A bus message told apart by its number. */
const note = (n: number): BusMessage => ({ type: '*replaced', connectionIds: [`c${n}`] });

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

const participant = (
  connectionId: string,
  userId: string,
  joinedAt: number,
  clientId = 'tab-1',
): LiveParticipant => ({
  userId,
  name: userId.toUpperCase(),
  connectionId,
  instanceId: 'i1',
  joinedAt,
  buffering: false,
  clientId,
});

/** What the wire shows of an entry. */
function wire(entry: LiveParticipant): Participant {
  const { userId, name, connectionId, instanceId, joinedAt, buffering } = entry;
  return { userId, name, connectionId, instanceId, joinedAt, buffering };
}

const capacity = { maxMembers: 20, maxConnectionsPerMember: 3 };

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

    test('the playback cache only moves forward', async () => {
      await store.cachePlayback('r1', playback(3, 30));
      await store.cachePlayback('r1', playback(2, 20));
      expect(await store.getPlayback('r1')).toEqual(playback(3, 30));
      await store.cachePlayback('r1', playback(4, 40 + 1 / 3, true));
      expect(await store.getPlayback('r1')).toEqual(playback(4, 40 + 1 / 3, true));
      const other = await open();
      await Promise.all([5, 7, 6].map((seq) => other.cachePlayback('r2', playback(seq))));
      expect((await store.getPlayback('r2'))?.seq).toBe(7);
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

    test('participants: put replaces by connection id, remove says if it was the last tab', async () => {
      await store.putParticipant('r1', participant('c2', 'boris', 20));
      await store.putParticipant('r1', participant('c1', 'anna', 10));
      await store.putParticipant('r1', participant('c3', 'boris', 30, 'tab-2'));
      await store.putParticipant('r1', { ...participant('c2', 'boris', 20), buffering: true });
      expect(await store.listParticipants('r1')).toEqual([
        wire(participant('c1', 'anna', 10)),
        wire({ ...participant('c2', 'boris', 20), buffering: true }),
        wire(participant('c3', 'boris', 30, 'tab-2')),
      ]);
      expect((await store.presence('r1')).entries[0]).toEqual(participant('c1', 'anna', 10));
      const first = await store.removeParticipant('r1', 'c2');
      expect(first).toMatchObject({ lastOfUser: false });
      expect(first.removed).toEqual({ ...participant('c2', 'boris', 20), buffering: true });
      expect(await store.removeParticipant('r1', 'c3')).toMatchObject({ lastOfUser: true });
      expect((await store.removeParticipant('r1', 'c3')).removed).toBeNull();
      expect((await store.removeParticipant('nope', 'c1')).removed).toBeNull();
      expect((await store.listParticipants('r1')).map((p) => p.connectionId)).toEqual(['c1']);
      expect(await store.listParticipants('empty')).toEqual([]);
    });

    test('the presence revision grows with every change, also after the room was deleted', async () => {
      const revs = [(await store.presence('r1')).rev];
      revs.push(await store.putParticipant('r1', participant('c1', 'anna', 1)));
      const join = await store.joinParticipant('r1', participant('c2', 'boris', 2), capacity);
      revs.push(join.ok ? join.rev : -1);
      revs.push((await store.removeParticipant('r1', 'c1')).rev);
      expect((await store.presence('r1')).rev).toBe(revs[3]!);
      for (let i = 1; i < revs.length; i++) expect(revs[i]!).toBeGreaterThan(revs[i - 1]!);
      await store.deleteRoom('r1');
      const after = await store.putParticipant('r1', participant('c1', 'anna', 1));
      expect(after).toBeGreaterThan(revs[3]!);
    });

    test('join admits by the room rules: same tab replaced, tabs and members capped', async () => {
      const small = { maxMembers: 2, maxConnectionsPerMember: 2 };
      const first = await store.joinParticipant('r1', participant('c1', 'anna', 1), small);
      expect(first).toMatchObject({ ok: true, firstOfUser: true, replaced: [] });
      const tab2 = await store.joinParticipant('r1', participant('c2', 'anna', 2, 'tab-2'), small);
      expect(tab2).toMatchObject({ ok: true, firstOfUser: false, replaced: [] });
      expect(
        await store.joinParticipant('r1', participant('c3', 'anna', 3, 'tab-3'), small),
      ).toEqual({ ok: false, code: 'too_many_connections' });
      // The same tab reconnecting (another instance, a new socket) replaces its old entry.
      const again = await store.joinParticipant('r1', participant('c4', 'anna', 4, 'tab-2'), small);
      expect(again).toMatchObject({ ok: true, firstOfUser: false, replaces: ['c2'] });
      expect(again.ok && again.replaced).toEqual([participant('c2', 'anna', 2, 'tab-2')]);
      // A join whose first attempt had been applied already is the same join again.
      const retried = await store.joinParticipant(
        'r1',
        participant('c4', 'anna', 4, 'tab-2'),
        small,
      );
      expect(retried).toMatchObject({ ok: true, replaces: [] });
      expect((await store.joinParticipant('r1', participant('c5', 'boris', 5), small)).ok).toBe(
        true,
      );
      expect(await store.joinParticipant('r1', participant('c6', 'vera', 6), small)).toEqual({
        ok: false,
        code: 'room_full',
      });
      expect((await store.listParticipants('r1')).map((p) => p.connectionId)).toEqual([
        'c1',
        'c4',
        'c5',
      ]);
    });

    test('concurrent joins of one user from two instances never pass the tab limit', async () => {
      const other = await open();
      const results = await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          (i % 2 ? store : other).joinParticipant(
            'r1',
            participant(`c${i}`, 'anna', i, `tab-${i}`),
            capacity,
          ),
        ),
      );
      expect(results.filter((r) => r.ok)).toHaveLength(capacity.maxConnectionsPerMember);
      expect(await store.listParticipants('r1')).toHaveLength(capacity.maxConnectionsPerMember);
    });

    test('token buckets are shared by every instance', async () => {
      const other = await open();
      const limit = { perSecond: 2, burst: 3 };
      const now = 1_700_000_000_000;
      const taken: boolean[] = [];
      for (let i = 0; i < 5; i++) {
        taken.push(await (i % 2 ? other : store).takeToken('u1', limit, now));
      }
      expect(taken).toEqual([true, true, true, false, false]);
      expect(await store.takeToken('u2', limit, now)).toBe(true);
      // Refilled with time: half a second is one token at 2/s.
      expect(await other.takeToken('u1', limit, now + 500)).toBe(true);
      expect(await store.takeToken('u1', limit, now + 500)).toBe(false);
      // A clock behind the bucket's own neither mints nor burns tokens.
      expect(await store.takeToken('u1', limit, now)).toBe(false);
    });

    test('deleteRoom drops everything of that room only', async () => {
      await store.initPlayback('r1', playback(0));
      await store.setSettings('r1', { controlMode: 'owner', bufferPolicy: 'wait' });
      await store.putParticipant('r1', participant('c1', 'anna', 1));
      await store.initPlayback('r2', playback(2));
      await store.deleteRoom('r1');
      expect(await store.getPlayback('r1')).toBeNull();
      expect(await store.getSettings('r1')).toBeNull();
      expect(await store.listParticipants('r1')).toEqual([]);
      expect(await store.getPlayback('r2')).toEqual(playback(2));
    });

    test('state survives a new store instance on the same backing state (restart)', async () => {
      await store.initPlayback('r1', playback(0));
      await store.cachePlayback('r1', playback(1, 42, true));
      await store.putParticipant('r1', participant('c1', 'anna', 1));
      await store.close();
      opened.splice(opened.indexOf(store), 1);
      const restarted = await open();
      expect(await restarted.getPlayback('r1')).toEqual(playback(1, 42, true));
      expect(await restarted.listParticipants('r1')).toEqual([wire(participant('c1', 'anna', 1))]);
    });

    test('the bus brings an instance the events of the rooms it watches, and only those', async () => {
      const other = await open();
      const seenHere: RoomEvent[] = [];
      const seenThere: RoomEvent[] = [];
      await store.subscribe((e) => seenHere.push(e), { instanceId: 'i1' });
      const unsubscribe = await other.subscribe((e) => seenThere.push(e), { instanceId: 'i2' });
      const first = await store.watchRoom('r1', 'i1');
      const second = await other.watchRoom('r1', 'i2');
      expect([first.peers, second.peers.sort()]).toEqual([['i1'], ['i1', 'i2']]);
      expect(second.rev).toBeGreaterThan(first.rev);
      await other.watchRoom('r2', 'i2');
      // i1 is told that i2 watches its room now, with the revision i2's watch made.
      await waitFor(seenHere, 1);
      const watching = { type: '*watching' } as const;
      expect(seenHere[0]).toMatchObject({ origin: 'i2', rev: second.rev, message: watching });
      // Watching again (a heartbeat) changes nothing and tells nobody.
      expect((await other.watchRoom('r1', 'i2')).rev).toBe(second.rev);
      const event: RoomEvent = {
        roomId: 'r1',
        origin: 'i1',
        message: { type: '*replaced', connectionIds: ['c1', 'два'] },
        rev: 17,
        local: true,
      };
      // A local event reaches the other watchers, never back to its origin.
      expect(await store.publish(event)).toBe(1);
      await waitFor(seenThere, 1);
      expect(seenThere).toEqual([{ ...event, text: JSON.stringify(event.message) }]);
      // A room i1 does not watch stays with i2; heartbeats reach everyone.
      await other.publish({ roomId: 'r2', origin: 'i2', message: note(2), local: true });
      await store.publish({ roomId: '*instances', origin: 'i1', message: note(3) });
      await Promise.all([waitFor(seenHere, 2), waitFor(seenThere, 2)]);
      expect(seenHere.map((e) => e.message)).toEqual([watching, note(3)]);
      expect(seenThere.map((e) => e.message)).toEqual([event.message, note(3)]);
      // Not local (a close from the HTTP API): its origin's own sockets need it too.
      await store.publish({ roomId: 'r1', origin: 'i1', message: note(4) });
      await Promise.all([waitFor(seenHere, 3), waitFor(seenThere, 3)]);
      // Unwatched, then unsubscribed: nothing more arrives there.
      await other.unwatchRoom('r1', 'i2');
      expect(await store.publish({ ...event, message: note(5) })).toBe(0);
      // Its leaving is a newer revision: i1 alone again, as a watch reply now says.
      const alone = await store.watchRoom('r1', 'i1');
      expect([alone.peers, alone.rev > second.rev]).toEqual([['i1'], true]);
      await unsubscribe();
      await store.publish({ roomId: '*instances', origin: 'i1', message: note(6) });
      await waitFor(seenHere, 4);
      await new Promise((r) => setTimeout(r, 50));
      expect(seenThere).toHaveLength(3);
      expect(seenHere.map((e) => e.message)).toEqual([watching, note(3), note(4), note(6)]);
    });

    test('an event carries the publisher’s text unchanged', async () => {
      const seen: RoomEvent[] = [];
      await store.subscribe((e) => seen.push(e), { instanceId: 'i3' });
      await store.watchRoom('r1', 'i3');
      const text = '{"type":"chat","message":{"text":"a\\tb"}}';
      await store.publish({ roomId: 'r1', origin: 'i1', message: JSON.parse(text), text });
      await waitFor(seen, 1);
      expect(seen[0]!.text).toBe(text);
      expect(seen[0]!.message).toEqual(JSON.parse(text));
    });
  });
}
