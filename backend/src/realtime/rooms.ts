/**
 * The rooms this instance serves and how their events reach its sockets: a broadcast goes to
 * the room's local members at once and to the other instances watching the room over the bus
 * (none when all members are here); events from the bus go through the room's fanout
 * (fanout.ts: in order, no duplicates). The instance watches a room on the bus from its first
 * local member (before that member's snapshot is read, so nothing falls between the two) to
 * its last. Also closes connections that a newer one of the same tab replaced, wherever they
 * are.
 */
import type { ServerMessage } from '@kino/shared/protocol';
import { revokedConnections } from '../knock/revoke-event.ts';
import type { RoomEvent } from '../live/types.ts';
import { type BusCounters, emptyBusCounters } from './bus-counters.ts';
import type { Connection } from './connection.ts';
import { deliverTo, RoomFanout } from './fanout.ts';
import { BUFFER_HOLD_POLICY, CLOSE } from './limits.ts';
import type { RealtimePorts } from './ports.ts';
import { encodeServer } from './room-io.ts';

export interface RoomsDeps {
  ports: RealtimePorts;
  /** Closes one of this instance's connections, if it has it; false otherwise. */
  closeConnection(connectionId: string, code: number, reason: string): boolean;
  /** Reads the room's chat, playback, settings and presence again (room-sync.ts). */
  resyncRoom(fanout: RoomFanout): void;
  logError(message: string, error: unknown): void;
}

export class Rooms {
  readonly byId = new Map<string, RoomFanout>();
  readonly counters: BusCounters = emptyBusCounters();
  private readonly logPublishFailure: (error: unknown) => void;
  private readonly logWatchFailure: (error: unknown) => void;
  /** Per room, the last watch/unwatch on the bus: they run in order, one at a time. */
  private readonly watching = new Map<string, Promise<void>>();
  /** Rooms whose watch succeeded and was not undone since. */
  private readonly watched = new Set<string>();

  constructor(private readonly deps: RoomsDeps) {
    this.logPublishFailure = quietly((error) => deps.logError('publish failed', error));
    this.logWatchFailure = quietly((error) => deps.logError('unwatching a room failed', error));
  }

  private fanoutOf(roomId: string): RoomFanout {
    let fanout = this.byId.get(roomId);
    if (!fanout) {
      fanout = new RoomFanout(roomId, {
        publishToChannel: this.deps.ports.publishToChannel,
        fetchAfter: (after, limit) => this.deps.ports.record.chatAfter(roomId, after, limit),
        onError: this.deps.logError,
        counters: this.counters,
      });
      this.byId.set(roomId, fanout);
    }
    return fanout;
  }

  /**
   * Starts forwarding the room's events to the connection; resolves once this instance
   * watches the room on the bus, so what its snapshot is read from after that misses nothing.
   */
  enter(connection: Connection): Promise<void> {
    const roomId = connection.joined?.room.id;
    if (!roomId) return Promise.resolve();
    this.fanoutOf(roomId).add(connection);
    return this.watched.has(roomId)
      ? (this.watching.get(roomId) ?? Promise.resolve())
      : this.watch(roomId);
  }

  leave(connection: Connection): void {
    const roomId = connection.joined?.room.id;
    const fanout = roomId ? this.byId.get(roomId) : undefined;
    if (!fanout || !roomId) return;
    fanout.remove(connection);
    if (fanout.members.size > 0) return;
    fanout.dispose();
    this.byId.delete(roomId);
    this.unwatch(roomId);
  }

  /**
   * Registers this instance for the room's events (again: idempotent), after what came before;
   * learns from the reply whether it serves the room alone.
   */
  private watch(roomId: string): Promise<void> {
    const { live, instanceId } = this.deps.ports;
    const run = this.queue(roomId, async () => {
      const fanout = this.byId.get(roomId);
      if (!fanout) return;
      const view = await live.watchRoom(roomId, instanceId);
      if (this.byId.has(roomId)) this.watched.add(roomId);
      // A reply about an earlier stint in the room (left and entered again meanwhile) is not
      // this one's: its own watch is queued behind.
      if (this.byId.get(roomId) !== fanout) return;
      this.noteView(fanout, view.rev, view.peers.length === 1 && view.peers[0] === instanceId);
    });
    return run;
  }

  /**
   * Whether this instance knows it serves the room alone: then a room event has nobody to reach
   * over the bus, and the person's rate budget nobody to share (user-budget.ts).
   */
  servesAlone(roomId: string): boolean {
    return this.byId.get(roomId)?.peers?.alone === true;
  }

  /**
   * Who watches the room, from a watch reply (alone or not) or another instance's `*watching`
   * notice (not alone), unless what this stint knows is newer. Alone until now, the instance
   * published nothing: it tells the newcomers to read what they may have missed (`*resync`).
   */
  private noteView(fanout: RoomFanout, rev: number, alone: boolean): void {
    const known = fanout.peers;
    if (known && rev < known.rev) return;
    fanout.peers = { rev, alone };
    if (!known?.alone || alone) return;
    const { live, instanceId } = this.deps.ports;
    const message = { type: '*resync' } as const;
    live
      .publish({ roomId: fanout.roomId, origin: instanceId, message, local: true })
      .catch(this.logPublishFailure);
  }

  /** `*watching` and `*resync` from another instance (ARCHITECTURE.md, “Rooms served alone”). */
  private onPeerNotice(event: RoomEvent): void {
    const fanout = this.byId.get(event.roomId);
    if (!fanout || event.origin === this.deps.ports.instanceId) return;
    if (event.message.type === '*resync') this.deps.resyncRoom(fanout);
    else this.noteView(fanout, event.rev ?? fanout.peers?.rev ?? 0, false);
  }

  private unwatch(roomId: string): void {
    const { live, instanceId } = this.deps.ports;
    this.watched.delete(roomId);
    void this.queue(roomId, async () => {
      if (this.byId.has(roomId)) return; // someone joined again meanwhile
      await live.unwatchRoom(roomId, instanceId);
    }).catch(this.logWatchFailure);
  }

  private queue(roomId: string, step: () => Promise<void>): Promise<void> {
    const run = (this.watching.get(roomId) ?? Promise.resolve()).catch(() => {}).then(step);
    const settled = run.catch(() => {});
    this.watching.set(roomId, run);
    void settled.then(() => {
      if (this.watching.get(roomId) === run) this.watching.delete(roomId);
    });
    return run;
  }

  /**
   * Registers every served room again (each heartbeat): cheap insurance for a watch that failed
   * while Redis was away, or a registration a publisher dropped while our inbox reconnected.
   */
  async rewatchAll(): Promise<void> {
    await Promise.all([...this.byId.keys()].map((roomId) => this.watch(roomId)));
  }

  /** The welcome went out: start the room's feed there, then send what queued meanwhile. */
  welcomed(connection: Connection, playbackSeq: number): void {
    const roomId = connection.joined?.room.id;
    const fanout = roomId ? this.byId.get(roomId) : undefined;
    fanout?.feed.start(connection.chatFloor);
    fanout?.notePlaybackSeq(playbackSeq);
    const backlog = connection.backlog ?? [];
    connection.backlog = null;
    for (const item of backlog) deliverTo(connection, item.text, item.cursor);
    fanout?.settle(connection);
  }

  noteHold(roomId: string, deadline: number | null): void {
    const fanout = this.byId.get(roomId);
    if (fanout) fanout.holdDeadline = deadline;
  }

  /**
   * This instance's sockets now; the others through the bus, unless none watches the room.
   * The frame is encoded once.
   */
  broadcast(roomId: string, message: ServerMessage, rev?: number): void {
    const text = encodeServer(message) ?? undefined;
    this.counters.broadcasts++;
    this.byId.get(roomId)?.deliver(message, rev, text);
    if (this.servesAlone(roomId)) return;
    const { instanceId } = this.deps.ports;
    const event: RoomEvent = { roomId, origin: instanceId, message, local: true, text };
    if (rev !== undefined) event.rev = rev;
    // Not awaited: a bus that is away must not hold the member's next message. Instances that
    // miss it catch up from the record when the bus is back (room-sync.ts).
    this.deps.ports.live.publish(event).then((reached) => {
      this.counters.publishedTo += reached;
    }, this.logPublishFailure);
  }

  closeReplaced(roomId: string, connectionIds: string[]): void {
    const remote = connectionIds.filter((id) => !this.closeReplacedHere(id));
    if (remote.length === 0) return;
    const message = { type: '*replaced', connectionIds: remote } as const;
    this.deps.ports.live
      .publish({ roomId, origin: this.deps.ports.instanceId, message })
      .catch(this.logPublishFailure);
  }

  /** Its leave is not announced: the newer connection of the same tab took its place. */
  private closeReplacedHere(connectionId: string): boolean {
    return this.deps.closeConnection(connectionId, CLOSE.replaced, 'this tab connected again');
  }

  /** An event from the bus (any instance, this one included). */
  onEvent(event: RoomEvent): void {
    const { message } = event;
    if (message.type === '*watching' || message.type === '*resync') {
      this.onPeerNotice(event);
      return;
    }
    this.counters.received++;
    if (message.type === '*replaced') {
      for (const id of message.connectionIds) this.closeReplacedHere(id);
      return;
    }
    if (message.type === '*revoked') {
      const members = this.byId.get(event.roomId)?.members ?? [];
      for (const connection of revokedConnections(members, message.userId)) {
        this.deps.closeConnection(connection.socket.id, CLOSE.denied, 'removed by the owner');
      }
      return;
    }
    if (message.type === '*instance-alive') return; // the hub's, never on a room's channel
    // Our own broadcasts were handed out when they were made.
    if (event.local && event.origin === this.deps.ports.instanceId) return;
    const fanout = this.byId.get(event.roomId);
    if (!fanout) {
      // Registered once too often (a heartbeat's re-watch racing the last leave): undo it.
      this.counters.stray++;
      if (!this.watching.has(event.roomId)) this.unwatch(event.roomId);
      return;
    }
    this.counters.needed++;
    if (message.type === 'playback' && message.cause?.action === 'wait-buffering') {
      fanout.holdDeadline = this.deps.ports.now() + BUFFER_HOLD_POLICY.maxHoldMs;
    }
    fanout.deliver(message, event.rev, event.text);
    if (message.type === 'room-closed') {
      for (const connection of [...fanout.members]) {
        this.deps.closeConnection(
          connection.socket.id,
          CLOSE.roomClosed,
          `room closed: ${message.reason}`,
        );
      }
    }
  }

  dispose(): void {
    for (const fanout of this.byId.values()) fanout.dispose();
    this.byId.clear();
  }
}

/** Logs a failure at most every 10 s: an outage must not flood the log with one line per message. */
export function quietly(log: (error: unknown) => void): (error: unknown) => void {
  let last = Number.NEGATIVE_INFINITY;
  return (error) => {
    const now = Date.now();
    if (now - last < 10_000) return;
    last = now;
    log(error);
  };
}
