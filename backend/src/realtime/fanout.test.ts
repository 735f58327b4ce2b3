import { describe, expect, test } from 'bun:test';
import type { ServerMessage } from '@kino/shared/protocol';
import type { ChatMessage } from '@kino/shared/types';
import { chatLine as line } from './chat-line.test-kit.ts';
import { type Connection, newConnection } from './connection.ts';
import { RoomFanout, roomChannel } from './fanout.ts';
import type { HubSocket } from './ports.ts';

const chat = (cursor: number): ServerMessage => ({ type: 'chat', message: line(cursor) });

/** A room `r1` over in-memory channels, counting what went out one by one and by channel. */
function room() {
  const subscribers = new Map<string, Set<string>>();
  const received = new Map<string, string[]>();
  const direct: string[] = [];
  const publishes: string[] = [];
  const socket = (id: string): HubSocket => ({
    id,
    send: (text) => {
      direct.push(id);
      received.set(id, [...(received.get(id) ?? []), text]);
    },
    close: () => {},
    subscribe: (channel) =>
      subscribers.set(channel, (subscribers.get(channel) ?? new Set()).add(id)),
    unsubscribe: (channel) => void subscribers.get(channel)?.delete(id),
  });
  const fanout = new RoomFanout('r1', {
    publishToChannel: (channel, text) => {
      publishes.push(channel);
      for (const id of subscribers.get(channel) ?? []) {
        received.set(id, [...(received.get(id) ?? []), text]);
      }
    },
    fetchAfter: async () => [],
    onError: (message) => {
      throw new Error(message);
    },
  });
  /** A member whose welcome covered the chat up to `floor`, its backlog sent. */
  const member = (id: string, floor: number, opts: { owner?: boolean } = {}): Connection => {
    const connection = newConnection(socket(id), 0);
    connection.phase = 'joined';
    connection.chatFloor = floor;
    connection.joined = {
      room: { id: 'r1', filmId: 'f', ownerId: 'anna' },
      isOwner: opts.owner ?? false,
      participant: {} as never,
    };
    fanout.add(connection);
    fanout.feed.start(floor);
    fanout.settle(connection);
    return connection;
  };
  const cursorsOf = (id: string) =>
    (received.get(id) ?? []).map(
      (text) => (JSON.parse(text) as { message?: ChatMessage }).message?.cursor,
    );
  const subscribed = () => [...(subscribers.get(roomChannel('r1')) ?? [])];
  return { fanout, member, direct, publishes, cursorsOf, subscribed, received };
}

async function until(check: () => boolean, timeoutMs = 2_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('RoomFanout over a channel', () => {
  test('settled members get a frame from one publish, not one send each', () => {
    const r = room();
    r.member('a', 0);
    r.member('b', 0);
    r.fanout.deliver(chat(1));
    r.fanout.deliver(chat(2));
    expect(r.publishes).toEqual([roomChannel('r1'), roomChannel('r1')]);
    expect(r.direct).toEqual([]);
    expect(r.cursorsOf('a')).toEqual([1, 2]);
    expect(r.cursorsOf('b')).toEqual([1, 2]);
  });

  test('a member whose welcome covered lines the feed has not handed out yet gets none of them twice', () => {
    const r = room();
    r.member('a', 0);
    // b's welcome read lines up to 3 from the record; the feed is still at 0.
    r.member('b', 3);
    expect(r.subscribed()).toEqual(['a']);
    for (const cursor of [1, 2, 3, 4, 5]) r.fanout.deliver(chat(cursor));
    expect(r.cursorsOf('a')).toEqual([1, 2, 3, 4, 5]);
    expect(r.cursorsOf('b')).toEqual([4, 5]);
    // b settled once the feed passed its floor: line 5 went by the channel to both.
    expect(r.subscribed().sort()).toEqual(['a', 'b']);
    expect(r.direct).toEqual(['b']);
  });

  test('a member still waiting for its welcome gets frames into its backlog, and settles after', () => {
    const r = room();
    r.member('a', 0);
    const late = r.member('c', 0);
    r.fanout.remove(late);
    late.backlog = [];
    r.fanout.add(late);
    r.fanout.settle(late);
    r.fanout.deliver(chat(1));
    expect(late.backlog.map((item) => item.cursor)).toEqual([1]);
    expect(r.subscribed()).toEqual(['a']);
    late.backlog = null;
    r.fanout.settle(late);
    r.fanout.deliver(chat(2));
    expect(r.cursorsOf('c')).toEqual([2]);
  });

  test('knocks reach the owner only, whatever the channel holds', () => {
    const r = room();
    r.member('owner', 0, { owner: true });
    r.member('guest', 0);
    r.fanout.deliver({ type: 'knocks', requests: [] });
    expect(r.publishes).toEqual([]);
    expect(r.direct).toEqual(['owner']);
  });

  test('a line that turns up after the feed skipped it goes one by one, past each floor only', async () => {
    const r = room();
    r.member('a', 0);
    r.fanout.deliver(chat(2)); // 1 is missing: the feed waits, asks the record (empty), skips it
    await until(() => r.cursorsOf('a').length === 1);
    r.member('b', 2);
    r.fanout.deliver(chat(1)); // turned up after all: a never had it, b's welcome may have
    expect(r.cursorsOf('a')).toEqual([2, 1]);
    expect(r.cursorsOf('b')).toEqual([]);
    expect(r.publishes).toEqual([roomChannel('r1')]);
  });

  test('a member that left hears nothing more', () => {
    const r = room();
    r.member('a', 0);
    const b = r.member('b', 0);
    r.fanout.remove(b);
    r.fanout.deliver(chat(1));
    expect(r.cursorsOf('b')).toEqual([]);
    expect(r.subscribed()).toEqual(['a']);
  });
});
