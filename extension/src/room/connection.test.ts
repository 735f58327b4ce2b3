import { afterEach, describe, expect, test } from 'bun:test';
import { RoomConnection, type WebSocketConstructor } from './connection';
import { playerRoomOf } from './player-room';

/** A WebSocket stand-in the test drives by hand: open, deliver, drop. */
class FakeSocket extends EventTarget {
  static CONNECTING = 0;
  static OPEN = 1;
  static CLOSING = 2;
  static CLOSED = 3;
  static all: FakeSocket[] = [];
  readonly CONNECTING = 0;
  readonly OPEN = 1;
  readonly CLOSING = 2;
  readonly CLOSED = 3;
  readyState = 0;
  binaryType = 'blob';
  sent: Record<string, unknown>[] = [];
  constructor(readonly url: string) {
    super();
    FakeSocket.all.push(this);
  }
  send(data: string) {
    this.sent.push(JSON.parse(data));
  }
  close(code = 1000) {
    if (this.readyState === 3) return;
    this.readyState = 3;
    this.dispatchEvent(Object.assign(new Event('close'), { code, reason: '', wasClean: true }));
  }
  open() {
    this.readyState = 1;
    this.dispatchEvent(new Event('open'));
  }
  deliver(message: unknown) {
    this.dispatchEvent(new MessageEvent('message', { data: JSON.stringify(message) }));
  }
  drop() {
    this.readyState = 3;
    this.dispatchEvent(
      Object.assign(new Event('close'), { code: 1006, reason: '', wasClean: false }),
    );
  }
  types() {
    return this.sent.map((m) => m.type);
  }
}

const line = (cursor: number) => ({
  id: `line-${cursor}-id`,
  cursor,
  kind: 'text',
  userId: 'boris',
  name: 'Boris',
  text: `line ${cursor}`,
  at: 900 + cursor,
  position: 0,
});

const welcome = (cursor: number) => ({
  type: 'welcome',
  v: 1,
  serverTime: 1000,
  you: { userId: 'anna', name: 'Anna', connectionId: 'c1', isOwner: true, canControl: true },
  room: {
    id: 'r1',
    filmId: 'night-train',
    ownerId: 'anna',
    settings: { controlMode: 'everyone', bufferPolicy: 'wait' },
  },
  playback: { playing: false, position: 0, at: 1000, rate: 1, seq: 4 },
  participants: [],
  chat: {
    messages: [
      {
        id: 'first-msg',
        cursor,
        kind: 'text',
        userId: 'boris',
        name: 'Boris',
        text: 'hi',
        at: 900,
        position: 0,
      },
    ],
    hasMore: false,
  },
});

const tick = () => new Promise((r) => setTimeout(r, 5));
let connection: RoomConnection | null = null;
afterEach(() => {
  connection?.dispose();
  FakeSocket.all = [];
});

function connect(network: EventTarget = new EventTarget()): RoomConnection {
  let n = 0;
  connection = new RoomConnection({
    wsUrl: 'ws://b.test/ws',
    roomId: 'r1',
    clientId: 'tab-client-1',
    getToken: async () => 'jwt',
    WebSocketImpl: FakeSocket as unknown as WebSocketConstructor,
    newId: () => `chat-id-${++n}`,
    networkEvents: network,
  });
  return connection;
}

async function socket(index: number): Promise<FakeSocket> {
  for (let i = 0; i < 200 && !FakeSocket.all[index]; i++) await tick();
  const s = FakeSocket.all[index];
  if (!s) throw new Error(`socket ${index} never opened`);
  return s;
}

describe('room connection', () => {
  test('says hello with token and client id; nothing else goes out before welcome', async () => {
    const c = connect();
    const s = await socket(0);
    s.open();
    await tick();
    expect(s.sent[0]).toEqual({
      type: 'hello',
      v: 1,
      token: 'jwt',
      roomId: 'r1',
      clientId: 'tab-client-1',
    });
    c.sendChat('too early');
    expect(s.types()).toEqual(['hello']);
    expect(c.view.value.pending.map((p) => p.text)).toEqual(['too early']);
    s.deliver(welcome(7));
    await tick();
    // The pending line goes out after welcome, under its original id.
    expect(s.sent).toContainEqual({ type: 'chat', id: 'chat-id-1', text: 'too early' });
    expect(c.view.value.status).toBe('connected');
  });

  test('the player learns the server clock is measured only after the first pong', async () => {
    const c = connect();
    const room = playerRoomOf(c);
    const s = await socket(0);
    s.open();
    await tick();
    s.deliver(welcome(7));
    await tick();
    expect(room.clockReady?.()).toBe(false);
    const ping = s.sent.find((m) => m.type === 'ping') as { id: number; t0: number } | undefined;
    expect(ping).toBeDefined();
    // The estimator wants a few samples before it trusts the offset.
    for (let i = 0; i < 3; i++) {
      s.deliver({ type: 'pong', id: ping!.id, t0: ping!.t0, serverTime: ping!.t0 + 3 });
    }
    await tick();
    expect(room.clockReady?.()).toBe(true);
  });

  test('commands carry the seq they were based on', async () => {
    const c = connect();
    const s = await socket(0);
    s.open();
    await tick();
    s.deliver(welcome(7));
    c.sendCommand({ type: 'pause', baseSeq: c.view.value.playback?.seq ?? -1, position: 12.5 });
    // Named with an id, so an error about it says which command it was.
    expect(s.sent).toContainEqual({ type: 'pause', id: 'chat-id-1', baseSeq: 4, position: 12.5 });
  });

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

  test('a malformed server frame is ignored, not a crash', async () => {
    const c = connect();
    const s = await socket(0);
    s.open();
    await tick();
    s.dispatchEvent(new MessageEvent('message', { data: '{"type":"welcome"' }));
    s.deliver({ type: 'nonsense' });
    expect(c.view.value.status).toBe('connecting');
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

  test('invisible text is not sent', async () => {
    const c = connect();
    const s = await socket(0);
    s.open();
    await tick();
    s.deliver(welcome(7));
    expect(c.sendChat('\u200B\u3164 ')).toBe(false);
    expect(s.types()).not.toContain('chat');
    expect(c.sendChat('  ok  ')).toBe(true);
    expect(s.sent).toContainEqual({ type: 'chat', id: 'chat-id-1', text: 'ok' });
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
