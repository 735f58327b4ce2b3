/**
 * Members of a room for the fault suite, each on the extension's own RoomConnection (its
 * reconnects, resends, gap filling and dedup), with what they saw counted on the wire.
 */
import type { ServerMessage } from '@kino/shared/protocol';
import { RoomConnection } from '../../../../extension/src/room/connection.ts';
import { tokenFor } from '../servers.support.ts';

export class Member {
  readonly sent: string[] = [];
  /** How often each chat line arrived on the wire (more than once: re-delivered). */
  readonly arrivals = new Map<string, number>();
  /** Chat frames that arrived with a lower cursor than one before them. */
  outOfOrder = 0;
  /** Presence lists that showed one person twice. */
  doubledPresence = 0;
  /** When the last presence list arrived. */
  lastPresenceAt = 0;
  /** Leave events about people who were still connected. */
  readonly leavesSeen: { userId: string; at: number }[] = [];
  private lastCursor = 0;
  private lines = 0;
  private constructor(
    readonly userId: string,
    readonly connection: RoomConnection,
  ) {
    connection.onMessage((message) => this.note(message));
  }

  static async join(opts: {
    userId: string;
    name: string;
    wsUrl: string;
    roomId: string;
  }): Promise<Member> {
    const token = await tokenFor(opts.userId, opts.name);
    let n = 0;
    const connection = new RoomConnection({
      wsUrl: opts.wsUrl,
      roomId: opts.roomId,
      clientId: `tab-${opts.userId}-0001`,
      getToken: async () => token,
      WebSocketImpl: WebSocket,
      newId: () => `${opts.userId}-${Date.now().toString(36)}-${++n}`,
      networkEvents: new EventTarget(),
    });
    const member = new Member(opts.userId, connection);
    const deadline = Date.now() + 10_000;
    while (!connection.connected) {
      if (Date.now() > deadline) throw new Error(`${opts.userId} never joined`);
      await Bun.sleep(20);
    }
    return member;
  }

  private note(message: ServerMessage): void {
    if (process.env.FAULT_DEBUG && message.type !== 'chat' && message.type !== 'pong') {
      console.log(
        `[${this.userId} ${Date.now() % 100_000}]`,
        JSON.stringify(message).slice(0, 300),
      );
    }
    if (message.type === 'chat') {
      const { id, cursor } = message.message;
      this.arrivals.set(id, (this.arrivals.get(id) ?? 0) + 1);
      if (cursor < this.lastCursor) this.outOfOrder++;
      this.lastCursor = Math.max(this.lastCursor, cursor);
    }
    if (message.type === 'presence') {
      this.lastPresenceAt = Date.now();
      const ids = message.participants.map((p) => p.userId);
      if (new Set(ids).size !== ids.length) this.doubledPresence++;
      if (message.event?.kind === 'leave') {
        this.leavesSeen.push({ userId: message.event.userId, at: Date.now() });
      }
    }
  }

  /** Sends a chat line as the user would (pending until the server echoes it). */
  say(): void {
    const before = new Set(this.connection.view.value.pending.map((p) => p.id));
    if (!this.connection.sendChat(`${this.userId} line ${++this.lines}`)) return;
    const added = this.connection.view.value.pending.find((p) => !before.has(p.id));
    if (added) this.sent.push(added.id);
  }

  /** Ids of the chat lines this member's view holds. */
  ids(): string[] {
    return this.connection.view.value.messages.map((m) => m.id);
  }

  has(ids: readonly string[]): boolean {
    const held = new Set(this.ids());
    return ids.every((id) => held.has(id));
  }

  leave(): void {
    this.connection.dispose();
  }
}

export interface Figures {
  sent: number;
  /** Lines some member never got (summed over members). */
  lost: number;
  /** Lines a member's chat shows twice. */
  doubled: number;
  /** Frames of a line a member had already (harmless: clients dedupe by id). */
  redelivered: number;
  outOfOrder: number;
  doubledPresence: number;
  recoveredMs: number;
}

export function figuresOf(members: Member[], recoveredMs: number): Figures {
  const sent = members.flatMap((m) => m.sent);
  let lost = 0;
  let doubled = 0;
  let redelivered = 0;
  for (const member of members) {
    const ids = member.ids();
    const held = new Set(ids);
    lost += sent.filter((id) => !held.has(id)).length;
    doubled += ids.length - held.size;
    for (const count of member.arrivals.values()) redelivered += Math.max(0, count - 1);
  }
  return {
    sent: sent.length,
    lost,
    doubled,
    redelivered,
    outOfOrder: members.reduce((sum, m) => sum + m.outOfOrder, 0),
    doubledPresence: members.reduce((sum, m) => sum + m.doubledPresence, 0),
    recoveredMs,
  };
}

/** Chats from every member every `everyMs` until stopped. */
export function chatter(members: Member[], everyMs: number): { stop(): Promise<void> } {
  let running = true;
  const loop = (async () => {
    while (running) {
      for (const member of members) member.say();
      await Bun.sleep(everyMs);
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
    },
  };
}

/**
 * Time from `since` until every member holds every line sent before `since` and a probe line
 * sent now has reached all of them (ms).
 */
export async function recovery(members: Member[], since: number, timeoutMs = 30_000) {
  const before = members.flatMap((m) => m.sent);
  const prober = members[0]!;
  prober.say();
  const probe = prober.sent.at(-1)!;
  const deadline = Date.now() + timeoutMs;
  while (!members.every((m) => m.has([...before, probe]))) {
    if (Date.now() > deadline) return Number.POSITIVE_INFINITY;
    await Bun.sleep(25);
  }
  return Date.now() - since;
}
