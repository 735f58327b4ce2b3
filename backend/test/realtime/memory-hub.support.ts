/**
 * Test doubles for driving a Hub without a network: an in-memory socket that records what
 * the hub sends, fake auth/room-access ports, and a manual clock.
 */
import { PROTOCOL_VERSION, parseServerMessage, type ServerMessage } from '@kino/shared/protocol';
import { DependencyUnavailableError } from '../../src/faults/unavailable.ts';
import {
  createMemoryLiveState,
  createMemoryLiveStore,
  type MemoryLiveState,
} from '../../src/live/memory.ts';
import type { LiveStore } from '../../src/live/types.ts';
import { Hub } from '../../src/realtime/hub.ts';
import type { HubSocket, RealtimePorts, RoomAccess } from '../../src/realtime/ports.ts';
import {
  createMemoryRecordState,
  createMemoryRoomRecord,
  type MemoryRecordState,
} from '../../src/record/memory.ts';
import type { RoomRecord } from '../../src/record/types.ts';

/** Server messages that failed the protocol schema; tests assert it stays empty. */
export const protocolViolations: string[] = [];

/**
 * Bun's topics in memory: a publish reaches every subscribed socket, as `send` would. One per
 * hub, so the MemorySocket that a test opens on a hub finds its hub's channels.
 */
class MemoryChannels {
  private readonly subscribers = new Map<string, Set<HubSocket>>();
  subscribe(channel: string, socket: HubSocket): void {
    const sockets = this.subscribers.get(channel) ?? new Set();
    sockets.add(socket);
    this.subscribers.set(channel, sockets);
  }
  unsubscribe(channel: string, socket: HubSocket): void {
    this.subscribers.get(channel)?.delete(socket);
  }
  publish(channel: string, text: string): void {
    for (const socket of this.subscribers.get(channel) ?? []) socket.send(text);
  }
}
const channelsOfHub = new WeakMap<Hub, MemoryChannels>();

export class MemorySocket implements HubSocket {
  readonly received: ServerMessage[] = [];
  /** UTF-8 size of every frame received, in order. */
  readonly frameBytes: number[] = [];
  closedWith: { code: number; reason: string } | null = null;
  constructor(
    readonly id: string,
    private readonly hub: Hub,
  ) {
    hub.open(this);
  }
  send(text: string): void {
    // Everything the hub sends must pass the protocol's own server-message schema.
    const parsed = parseServerMessage(text);
    if (!parsed.ok) protocolViolations.push(`${parsed.error.message}: ${text.slice(0, 200)}`);
    this.received.push(JSON.parse(text) as ServerMessage);
    this.frameBytes.push(new TextEncoder().encode(text).byteLength);
  }
  close(code: number, reason: string): void {
    this.closedWith ??= { code, reason };
  }
  subscribe(channel: string): void {
    channelsOfHub.get(this.hub)?.subscribe(channel, this);
  }
  unsubscribe(channel: string): void {
    channelsOfHub.get(this.hub)?.unsubscribe(channel, this);
  }
  /** Sends a frame as a client would (objects are JSON-encoded). */
  push(frame: unknown): void {
    this.hub.message(this.id, typeof frame === 'string' ? frame : JSON.stringify(frame));
  }
  ofType<T extends ServerMessage['type']>(type: T): Extract<ServerMessage, { type: T }>[] {
    return this.received.filter((m): m is Extract<ServerMessage, { type: T }> => m.type === type);
  }
  /** Drops what was received so far (after the join, to look only at what follows). */
  clear(): void {
    this.received.length = 0;
  }
}

export const USERS = {
  anna: { id: 'anna', name: 'Anna' },
  boris: { id: 'boris', name: 'Boris' },
  vera: { id: 'vera', name: 'Vera' },
  gleb: { id: 'gleb', name: 'Gleb' },
} as const;

/**
 * Room `r1`: owner anna, invitees boris and vera; gleb is a stranger. Room `open-room` lets
 * anyone with a token in (link joins), so tests can fill it.
 */
export function fakeAccess(roomId: string, userId: string): RoomAccess {
  if (roomId === 'broken-room') throw new Error('database unreachable');
  if (roomId === 'open-room') {
    return {
      ok: true,
      room: { id: 'open-room', filmId: 'night-train', ownerId: 'anna' },
      isOwner: userId === 'anna',
    };
  }
  if (roomId === 'closed-room')
    return { ok: false, code: 'room_closed', message: 'room is closed' };
  if (roomId !== 'r1') return { ok: false, code: 'not_found', message: 'no such room' };
  if (!['anna', 'boris', 'vera'].includes(userId)) {
    return { ok: false, code: 'forbidden', message: 'not invited to this room' };
  }
  return {
    ok: true,
    room: { id: 'r1', filmId: 'night-train', ownerId: 'anna' },
    isOwner: userId === 'anna',
  };
}

export interface TestInstance {
  hub: Hub;
  live: LiveStore;
  /** The record underneath any wrapper. */
  record: RoomRecord & { readonly state: MemoryRecordState };
  presence: { roomId: string; userId: string; kind: string }[];
  /** What the hub reported through logError. */
  errors: string[];
}

export const clock = { now: 1_700_000_000_000 };

/** Instances on one live state share one record too (one Redis, one Postgres). */
const records = new WeakMap<MemoryLiveState, MemoryRecordState>();

export function recordStateOf(state: MemoryLiveState): MemoryRecordState {
  let record = records.get(state);
  if (!record) {
    record = createMemoryRecordState();
    records.set(state, record);
  }
  return record;
}

export interface InstanceOptions {
  /** Wraps the live store (a fault, a delay, a lossy bus). */
  live?: (store: LiveStore) => LiveStore;
  record?: (record: RoomRecord) => RoomRecord;
}

export async function startMemoryInstance(
  state: MemoryLiveState = createMemoryLiveState(),
  instanceId = 'i1',
  options: InstanceOptions = {},
): Promise<TestInstance> {
  const baseLive = createMemoryLiveStore(state);
  const live = options.live ? options.live(baseLive) : baseLive;
  const memoryRecord = createMemoryRoomRecord(recordStateOf(state));
  const record = options.record ? options.record(memoryRecord) : memoryRecord;
  const presence: TestInstance['presence'] = [];
  const errors: string[] = [];
  const channels = new MemoryChannels();
  const ports: RealtimePorts = {
    publishToChannel: (channel, text) => channels.publish(channel, text),
    live,
    record,
    instanceId,
    now: () => clock.now,
    verifyToken: async (token) => {
      // `token-anna` for the known users; `any:<id>:<name>` for anybody else.
      const [kind, id, name] = token.split(':');
      if (kind === 'any' && id && name) return { ok: true, user: { id, name } };
      const user = token.startsWith('token-')
        ? USERS[token.slice(6) as keyof typeof USERS]
        : undefined;
      return user ? { ok: true, user } : { ok: false, message: 'The access token is not valid' };
    },
    roomAccess: async (roomId, user) => fakeAccess(roomId, user.id),
    logError: (message) => void errors.push(message),
    recordPresence: async ({ roomId, userId, kind }) => {
      presence.push({ roomId, userId, kind });
    },
  };
  const hub = new Hub(ports);
  channelsOfHub.set(hub, channels);
  await hub.start({ timers: false });
  return { hub, live, record: memoryRecord, presence, errors };
}

export function hello(user: string, extra: Record<string, unknown> = {}) {
  return {
    type: 'hello',
    v: PROTOCOL_VERSION,
    token: `token-${user}`,
    roomId: 'r1',
    clientId: `client-${user}-0001`,
    ...extra,
  };
}

/** Waits until `check` holds (the hub and the bus are asynchronous). */
export async function until(
  check: () => boolean | Promise<boolean>,
  what = 'condition',
  timeoutMs = 2_000,
) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

/** A chat line from `socket` with the id `id` (its text names it). */
export const chat = (socket: MemorySocket, id: string) =>
  socket.push({ type: 'chat', id, text: `line ${id}` });

/** Lets queued handlers and bus deliveries run, for asserting that nothing arrives. */
export const settle = () => new Promise((resolve) => setTimeout(resolve, 30));

let socketCounter = 0;
export async function joined(
  instance: TestInstance,
  user: string,
  extra: Record<string, unknown> = {},
) {
  const socket = new MemorySocket(`s${++socketCounter}-${user}`, instance.hub);
  socket.push(hello(user, extra));
  await until(
    () => socket.ofType('welcome').length === 1 || socket.closedWith !== null,
    `${user} welcome`,
  );
  return socket;
}

/** A switch for a dependency: down (calls fail as unavailable) or held (calls wait). */
export class Fault {
  down = false;
  private gate: Promise<void> | null = null;
  private open: (() => void) | null = null;
  calls = 0;

  hold(): void {
    this.gate = new Promise((resolve) => {
      this.open = resolve;
    });
  }

  release(): void {
    this.open?.();
    this.gate = null;
  }

  async pass(dependency: 'database' | 'live-store'): Promise<void> {
    this.calls++;
    if (this.gate) await this.gate;
    if (this.down) throw new DependencyUnavailableError(dependency, 500);
  }
}

/** Every method of `target` goes through `fault` first (except those named in `spare`). */
export function through<T extends object>(
  target: T,
  fault: Fault,
  dependency: 'database' | 'live-store',
  spare: string[] = [],
): T {
  return new Proxy(target, {
    get(object, key, receiver) {
      const value = Reflect.get(object, key, receiver);
      if (typeof value !== 'function' || spare.includes(String(key))) return value;
      return async (...args: unknown[]) => {
        await fault.pass(dependency);
        return (value as (...a: unknown[]) => unknown).apply(object, args);
      };
    },
  });
}
