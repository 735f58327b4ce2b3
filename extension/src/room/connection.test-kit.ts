/** A hand-driven socket and helpers for the RoomConnection specs (connection*.test.ts). */
import { RoomConnection, type WebSocketConstructor } from './connection';

/** A WebSocket stand-in the test drives by hand: open, deliver, drop. */
export class FakeSocket extends EventTarget {
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

export const line = (cursor: number) => ({
  id: `line-${cursor}-id`,
  cursor,
  kind: 'text',
  userId: 'boris',
  name: 'Boris',
  text: `line ${cursor}`,
  at: 900 + cursor,
  position: 0,
});

export const welcome = (cursor: number) => ({
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

export const tick = () => new Promise((r) => setTimeout(r, 5));
let connection: RoomConnection | null = null;
/** For afterEach: the connection a spec made is disposed and the sockets forgotten. */
export function resetConnections(): void {
  connection?.dispose();
  connection = null;
  FakeSocket.all = [];
}

export function connect(network: EventTarget = new EventTarget()): RoomConnection {
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

export async function socket(index: number): Promise<FakeSocket> {
  for (let i = 0; i < 200 && !FakeSocket.all[index]; i++) await tick();
  const s = FakeSocket.all[index];
  if (!s) throw new Error(`socket ${index} never opened`);
  return s;
}
