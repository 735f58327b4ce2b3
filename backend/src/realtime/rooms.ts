/**
 * The rooms this instance serves and how their events reach its sockets: a broadcast goes to
 * the room's local members at once and to other instances over the bus (whose echo here is
 * skipped); events from the bus go through the room's fanout (fanout.ts: in order, no
 * duplicates). Also closes connections that a newer one of the same tab replaced, wherever
 * they are.
 */
import type { ServerMessage } from '@kino/shared/protocol';
import { isRevokeEvent, revokedConnections } from '../knock/revoke-event.ts';
import type { RoomEvent } from '../live/types.ts';
import type { Connection } from './connection.ts';
import { deliverTo, RoomFanout } from './fanout.ts';
import { BUFFER_HOLD_POLICY, CLOSE } from './limits.ts';
import type { RealtimePorts } from './ports.ts';

/** Instances tell each other on the bus to close a connection the same tab replaced. */
interface ReplacedEvent {
  type: '*replaced';
  connectionIds: string[];
}

const isReplacedEvent = (message: unknown): message is ReplacedEvent =>
  (message as { type?: unknown } | null)?.type === '*replaced';

export interface RoomsDeps {
  ports: RealtimePorts;
  /** Closes one of this instance's connections, if it has it; false otherwise. */
  closeConnection(connectionId: string, code: number, reason: string): boolean;
  logError(message: string, error: unknown): void;
}

export class Rooms {
  readonly byId = new Map<string, RoomFanout>();
  private readonly logPublishFailure: (error: unknown) => void;

  constructor(private readonly deps: RoomsDeps) {
    this.logPublishFailure = quietly((error) => deps.logError('publish failed', error));
  }

  private fanoutOf(roomId: string): RoomFanout {
    let fanout = this.byId.get(roomId);
    if (!fanout) {
      fanout = new RoomFanout(roomId, {
        fetchAfter: (after, limit) => this.deps.ports.record.chatAfter(roomId, after, limit),
        onError: this.deps.logError,
      });
      this.byId.set(roomId, fanout);
    }
    return fanout;
  }

  enter(connection: Connection): void {
    const roomId = connection.joined?.room.id;
    if (roomId) this.fanoutOf(roomId).members.add(connection);
  }

  leave(connection: Connection): void {
    const roomId = connection.joined?.room.id;
    const fanout = roomId ? this.byId.get(roomId) : undefined;
    if (!fanout || !roomId) return;
    fanout.members.delete(connection);
    if (fanout.members.size > 0) return;
    fanout.dispose();
    this.byId.delete(roomId);
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
  }

  noteHold(roomId: string, deadline: number | null): void {
    const fanout = this.byId.get(roomId);
    if (fanout) fanout.holdDeadline = deadline;
  }

  /** This instance's sockets now; the others through the bus. */
  broadcast(roomId: string, message: ServerMessage, rev?: number): void {
    this.byId.get(roomId)?.deliver(message, rev);
    const event: RoomEvent = { roomId, origin: this.deps.ports.instanceId, message, local: true };
    if (rev !== undefined) event.rev = rev;
    // Not awaited: a bus that is away must not hold the member's next message. Instances that
    // miss it catch up from the record when the bus is back (room-sync.ts).
    this.deps.ports.live.publish(event).catch(this.logPublishFailure);
  }

  closeReplaced(roomId: string, connectionIds: string[]): void {
    const remote = connectionIds.filter((id) => !this.closeReplacedHere(id));
    if (remote.length === 0) return;
    const message: ReplacedEvent = { type: '*replaced', connectionIds: remote };
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
    if (isReplacedEvent(event.message)) {
      for (const id of event.message.connectionIds) this.closeReplacedHere(id);
      return;
    }
    if (isRevokeEvent(event.message)) {
      const members = this.byId.get(event.roomId)?.members ?? [];
      for (const connection of revokedConnections(members, event.message.userId)) {
        this.deps.closeConnection(connection.socket.id, CLOSE.denied, 'removed by the owner');
      }
      return;
    }
    // Our own broadcasts were handed out when they were made.
    if (event.local && event.origin === this.deps.ports.instanceId) return;
    const fanout = this.byId.get(event.roomId);
    if (!fanout) return;
    const message = event.message as ServerMessage;
    if (message.type === 'playback' && message.cause?.action === 'wait-buffering') {
      fanout.holdDeadline = this.deps.ports.now() + BUFFER_HOLD_POLICY.maxHoldMs;
    }
    fanout.deliver(message, event.rev);
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
