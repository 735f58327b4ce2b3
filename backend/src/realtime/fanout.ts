/**
 * One room as this instance serves it: its local connections, its chat feed, and what was
 * last handed out, so events that reach it twice (its own, echoed by the bus) or late (another
 * instance's, overtaken) never move a member backwards:
 * - playback: a state with a lower `seq` than the last one is dropped (same seq: a duplicate);
 * - presence: a list with a lower revision keeps its event (a join, a leave) but shows the
 *   newer list already handed out;
 * - chat: the feed (chat-feed.ts) hands out every line once, in cursor order.
 */
import type { ServerMessage, ServerMessageOf } from '@kino/shared/protocol';
import type { ChatMessage } from '@kino/shared/types';
import type { BusCounters } from './bus-counters.ts';
import { ChatFeed } from './chat-feed.ts';
import type { Connection } from './connection.ts';
import { encodeServer } from './room-io.ts';

export interface FanoutDeps {
  fetchAfter(after: number, limit: number): Promise<ChatMessage[]>;
  onError(message: string, error: unknown): void;
  counters?: BusCounters;
}

export class RoomFanout {
  readonly members = new Set<Connection>();
  readonly feed: ChatFeed;
  private lastSeq = -1;
  private lastRev = -1;
  private lastParticipants: ServerMessageOf<'presence'>['participants'] | null = null;
  /** When the buffering hold in force may have run out (re-decide then), or null. */
  holdDeadline: number | null = null;

  constructor(
    readonly roomId: string,
    private readonly deps: FanoutDeps,
  ) {
    this.feed = new ChatFeed({
      fetchAfter: deps.fetchAfter,
      emit: (line, text) => this.toMembers({ type: 'chat', message: line }, line.cursor, text),
      onError: (error) => deps.onError(`filling the chat of ${roomId} failed`, error),
    });
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
    only: (connection: Connection) => boolean = () => true,
  ): void {
    const text = given ?? encodeServer(message);
    if (text === null) {
      this.deps.onError(`a ${message.type} frame of ${this.roomId} exceeds the budget`, null);
      return;
    }
    for (const connection of this.members) {
      if (!only(connection)) continue;
      if (this.deps.counters) this.deps.counters.framesOut++;
      deliverTo(connection, text, cursor);
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
