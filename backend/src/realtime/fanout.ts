/**
 * One room as this instance serves it: its local connections, its chat feed, and what was
 * last handed out, so events that reach it twice (its own, echoed by the bus) or late (another
 * instance's, overtaken) never move a member backwards:
 * - playback: a state with a lower `seq` than the last one is dropped (same seq: a duplicate);
 * - presence: a list with a lower revision keeps its event (a join, a leave) but shows the
 *   newer list already handed out;
 * - chat: the feed (chat-feed.ts) hands out every line once, in cursor order.
 *
 * A frame reaches the room's settled members in one call: their sockets are subscribed to the
 * room's channel (Bun's topic), which writes the frame natively to each, where a `sendText`
 * per member converted and wrote it once per member from JavaScript — the largest share of the
 * server's CPU per delivery in bench:load. A member settles once its welcome and backlog are
 * out and the feed has passed its chat floor (every line from then on is one it needs); until
 * then, and for frames meant for some members only, frames go to each socket on its own.
 */
import type { ServerMessage, ServerMessageOf } from '@kino/shared/protocol';
import type { ChatMessage } from '@kino/shared/types';
import type { BusCounters } from './bus-counters.ts';
import { ChatFeed } from './chat-feed.ts';
import type { Connection } from './connection.ts';
import { encodeServer } from './room-io.ts';

export interface FanoutDeps {
  /** Hands a frame to every socket subscribed to `channel` (ports.ts). */
  publishToChannel(channel: string, text: string): void;
  fetchAfter(after: number, limit: number): Promise<ChatMessage[]>;
  onError(message: string, error: unknown): void;
  counters?: BusCounters;
}

/** The channel (Bun topic) of a room's settled members. */
export const roomChannel = (roomId: string) => `room:${roomId}`;

export class RoomFanout {
  readonly members = new Set<Connection>();
  /** Members whose sockets are subscribed to the room's channel. */
  private readonly settled = new Set<Connection>();
  private readonly channel: string;
  readonly feed: ChatFeed;
  private lastSeq = -1;
  private lastRev = -1;
  private lastParticipants: ServerMessageOf<'presence'>['participants'] | null = null;
  /** When the buffering hold in force may have run out (re-decide then), or null. */
  holdDeadline: number | null = null;
  /**
   * Who else watches the room as far as this instance knows (rooms.ts): `alone` while none
   * does, as of the watchers' revision `rev`; null until the first watch answered.
   */
  peers: { rev: number; alone: boolean } | null = null;

  constructor(
    readonly roomId: string,
    private readonly deps: FanoutDeps,
  ) {
    this.channel = roomChannel(roomId);
    this.feed = new ChatFeed({
      fetchAfter: deps.fetchAfter,
      emit: (line, text) => this.toMembers({ type: 'chat', message: line }, line.cursor, text),
      onError: (error) => deps.onError(`filling the chat of ${roomId} failed`, error),
    });
  }

  add(connection: Connection): void {
    this.members.add(connection);
  }

  remove(connection: Connection): void {
    this.members.delete(connection);
    if (!this.settled.delete(connection)) return;
    try {
      connection.socket.unsubscribe(this.channel);
    } catch {
      // A closed socket has left its channels already.
    }
  }

  /**
   * Subscribes the member to the room's channel once every frame for the room is one it needs:
   * joined, welcome and backlog sent, and the feed past the lines its welcome covered.
   */
  settle(connection: Connection): void {
    if (connection.phase !== 'joined' || connection.backlog || this.settled.has(connection)) return;
    const delivered = this.feed.delivered;
    if (delivered === null || delivered < connection.chatFloor) return;
    connection.socket.subscribe(this.channel);
    this.settled.add(connection);
  }

  /**
   * Hands a room message to the local members, unless it is stale or a duplicate. `text` is its
   * encoding when the caller has it (the publisher's, off the bus), so it is not encoded again.
   */
  deliver(message: ServerMessage, rev?: number, text?: string): void {
    switch (message.type) {
      case 'chat':
        this.feed.accept(message.message, text);
        return;
      case 'playback':
        if (message.playback.seq <= this.lastSeq) return;
        this.lastSeq = message.playback.seq;
        this.lastPlayback = message.playback;
        this.toMembers(message, undefined, text);
        return;
      case 'presence': {
        const ordered = this.orderedPresence(message, rev);
        this.toMembers(ordered, undefined, ordered === message ? text : undefined);
        return;
      }
      case 'knocks':
        // Who asks to join is the owner's business (PROTOCOL.md, Knock to join).
        this.toMembers(message, undefined, text, (c) => c.joined?.isOwner === true);
        return;
      default:
        this.toMembers(message, undefined, text);
    }
  }

  /**
   * The newest playback handed out here (every change of the room passes through this fanout:
   * ours at once, others' over the bus), or null before the first; a chat line's film position
   * is read from it instead of a round trip to the live store.
   */
  lastPlayback: ServerMessageOf<'playback'>['playback'] | null = null;

  /** The newest playback seq handed out here. */
  get playbackSeq(): number {
    return this.lastSeq;
  }

  /** A member was welcomed with this playback: older states are stale for everyone here. */
  notePlaybackSeq(seq: number): void {
    this.lastSeq = Math.max(this.lastSeq, seq);
    if (this.lastPlayback && this.lastPlayback.seq < seq) this.lastPlayback = null;
  }

  private orderedPresence(
    message: ServerMessageOf<'presence'>,
    rev: number | undefined,
  ): ServerMessageOf<'presence'> {
    if (rev === undefined || rev >= this.lastRev) {
      if (rev !== undefined) this.lastRev = rev;
      this.lastParticipants = message.participants;
      return message;
    }
    // Overtaken by a newer list: keep its event, show the newer list.
    return { ...message, participants: this.lastParticipants ?? message.participants };
  }

  private toMembers(
    message: ServerMessage,
    cursor?: number,
    given?: string,
    only?: (connection: Connection) => boolean,
  ): void {
    const text = given ?? encodeServer(message);
    if (text === null) {
      this.deps.onError(`a ${message.type} frame of ${this.roomId} exceeds the budget`, null);
      return;
    }
    // A chat line below the feed's position (a skipped one that turned up) may be one a settled
    // member's welcome covered: such lines, and frames for some members only, go one by one.
    const toChannel = !only && (cursor === undefined || cursor > (this.feed.delivered ?? -1));
    if (toChannel && this.settled.size > 0) {
      this.deps.publishToChannel(this.channel, text);
      if (this.deps.counters) this.deps.counters.framesOut += this.settled.size;
    }
    for (const connection of this.members) {
      if (toChannel && this.settled.has(connection)) continue;
      if (only && !only(connection)) continue;
      if (this.deps.counters) this.deps.counters.framesOut++;
      deliverTo(connection, text, cursor);
      if (toChannel) this.settle(connection);
    }
  }

  dispose(): void {
    this.feed.dispose();
  }
}

/** Sends now, or into the backlog while the welcome is being built; chat past the floor only. */
export function deliverTo(connection: Connection, text: string, cursor?: number): void {
  if (connection.phase === 'closed') return;
  if (connection.backlog) {
    connection.backlog.push({ text, cursor });
    return;
  }
  if (cursor !== undefined && cursor <= connection.chatFloor) return;
  connection.socket.send(text);
}
