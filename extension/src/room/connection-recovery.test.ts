import { afterEach, describe, expect, test } from 'bun:test';
import {
  connect,
  FakeSocket,
  line,
  resetConnections,
  socket,
  tick,
  welcome,
} from './connection.test-kit';

afterEach(resetConnections);

describe('room connection: drops, faults and gaps', () => {
  test('after a drop it reconnects, says hello with lastCursor, and resends unacked chat', async () => {
    const c = connect();
    const s0 = await socket(0);
    s0.open();
    await tick();
    s0.deliver(welcome(7));
    c.sendChat('are you there?');
    expect(s0.sent).toContainEqual({ type: 'chat', id: 'chat-id-1', text: 'are you there?' });
    s0.drop();
    expect(c.view.value.status).toBe('reconnecting');
    const s1 = await socket(1);
    s1.open();
    await tick();
    expect(s1.sent[0]).toMatchObject({ type: 'hello', lastCursor: 7, clientId: 'tab-client-1' });
    s1.deliver(welcome(7));
    await tick();
    expect(s1.sent).toContainEqual({ type: 'chat', id: 'chat-id-1', text: 'are you there?' });
    expect(c.view.value.status).toBe('connected');
  });

  test('a fatal error stops reconnecting', async () => {
    const c = connect();
    const s = await socket(0);
    s.open();
    await tick();
    s.deliver({ type: 'error', code: 'forbidden', message: 'not invited', fatal: true });
    s.drop();
    await Bun.sleep(700);
    expect(FakeSocket.all).toHaveLength(1);
    expect(c.view.value.lastError?.code).toBe('forbidden');
  });

  test('the browser going offline holds chat; back online it reconnects and sends it', async () => {
    const network = new EventTarget();
    const c = connect(network);
    const s0 = await socket(0);
    s0.open();
    await tick();
    s0.deliver(welcome(7));
    network.dispatchEvent(new Event('offline'));
    expect(c.view.value.status).toBe('offline');
    c.sendChat('written offline');
    expect(s0.types()).not.toContain('chat');
    network.dispatchEvent(new Event('online'));
    const s1 = await socket(1);
    s1.open();
    await tick();
    s1.deliver(welcome(7));
    await tick();
    expect(s1.sent).toContainEqual({ type: 'chat', id: 'chat-id-1', text: 'written offline' });
    expect(c.view.value.status).toBe('connected');
  });

  test('lines a welcome could not hold are fetched with history until the gap is filled', async () => {
    const c = connect();
    const s0 = await socket(0);
    s0.open();
    await tick();
    s0.deliver(welcome(7));
    s0.drop();
    const s1 = await socket(1);
    s1.open();
    await tick();
    expect(s1.sent[0]).toMatchObject({ type: 'hello', lastCursor: 7 });
    // 150 lines were missed; the welcome holds only the newest that fit in a frame.
    s1.deliver({ ...welcome(7), chat: { messages: [line(150), line(157)], hasMore: true } });
    await tick();
    let request = s1.sent.find((m) => m.type === 'history') as { before: number; id: string };
    expect(request).toMatchObject({ type: 'history', before: 150, limit: 100 });
    expect(c.view.value.fillingGap).toEqual({ after: 7, before: 150 });
    // A reconnect now would resume from before the hole, not from 157.
    s1.deliver({
      type: 'history',
      messages: Array.from({ length: 100 }, (_, i) => line(50 + i)),
      hasMore: true,
    });
    await tick();
    request = s1.sent.filter((m) => m.type === 'history').at(-1) as typeof request;
    expect(request).toMatchObject({ before: 50, limit: 42 });
    s1.deliver({
      type: 'history',
      messages: Array.from({ length: 42 }, (_, i) => line(8 + i)),
      hasMore: true,
    });
    await tick();
    // Still a gap between 150 and 157: the next request asks for that one.
    request = s1.sent.filter((m) => m.type === 'history').at(-1) as typeof request;
    expect(request).toMatchObject({ before: 157, limit: 6 });
    s1.deliver({
      type: 'history',
      messages: [151, 152, 153, 154, 155, 156].map(line),
      hasMore: true,
    });
    await tick();
    const cursors = c.view.value.messages.map((m) => m.cursor);
    expect(cursors).toEqual(Array.from({ length: 151 }, (_, i) => i + 7));
    expect(c.view.value.fillingGap).toBeNull();
    expect(s1.sent.filter((m) => m.type === 'history')).toHaveLength(3);
  });

  test('a chat line the server could not take now stays pending and is sent again', async () => {
    const c = connect();
    const s = await socket(0);
    s.open();
    await tick();
    s.deliver(welcome(7));
    c.sendChat('during an outage');
    s.deliver({ type: 'error', code: 'unavailable', message: 'retry', ref: 'chat-id-1' });
    expect(c.view.value.pending.map((p) => p.id)).toEqual(['chat-id-1']);
    await Bun.sleep(1_100);
    expect(s.sent.filter((m) => m.type === 'chat')).toHaveLength(2);
    s.deliver({ type: 'chat', message: { ...line(8), id: 'chat-id-1', userId: 'anna' } });
    expect(c.view.value.pending).toEqual([]);
  });

  test('a retryable fatal error reconnects; a final close code does not', async () => {
    const c = connect();
    const s0 = await socket(0);
    s0.open();
    await tick();
    s0.deliver({ type: 'error', code: 'unavailable', message: 'database away', fatal: true });
    s0.close(1013);
    const s1 = await socket(1);
    s1.open();
    await tick();
    s1.deliver(welcome(7));
    s1.close(4010);
    await Bun.sleep(700);
    expect(FakeSocket.all).toHaveLength(2);
    expect(c.ended.value).toBe(true);
  });
});
