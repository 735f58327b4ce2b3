/**
 * The realtime hub of one backend instance: holds its connections, routes each frame to a
 * feature handler, and forwards room events from the shared bus (published by any
 * instance, this one included) to its local sockets of that room.
 */
import { parseClientMessage, type RawFrame, type ServerMessage } from '@kino/shared/protocol';
import type { RoomEvent } from '../live/types.ts';
import { allowByRate, type Connection, missedDeadline, newConnection } from './connection.ts';
import { dispatchMessage, refOf } from './dispatch.ts';
import { recordPresenceSafely } from './join.ts';
import {
  CLOSE,
  HELLO_TIMEOUT_MS,
  IDLE_TIMEOUT_MS,
  MAX_FRAME_BYTES,
  SWEEP_INTERVAL_MS,
} from './limits.ts';
import {
  HEARTBEAT_EVERY_MS,
  INSTANCE_CHANNEL,
  isStaleEntry,
  type Liveness,
  newLiveness,
  noteAlive,
} from './liveness.ts';
import { applyBufferingPolicy } from './playback.ts';
import type { HubSocket, RealtimePorts } from './ports.ts';
import { encodeServer, type RoomIO, sendError } from './room-io.ts';
import { pruneStaleParticipants } from './stale-participants.ts';

/** Rooms whose participant lists one heartbeat checks at the same time. */
const PRUNE_BATCH = 50;

export class Hub {
  private readonly connections = new Map<string, Connection>();
  /** Local joined connections per room, for bus fan-out. */
  private readonly rooms = new Map<string, Set<Connection>>();
  private readonly io: RoomIO;
  private unsubscribe: (() => Promise<void>) | null = null;
  /** Frames wait for the bus subscription, so no room event can slip past a new member. */
  private ready: Promise<void> = Promise.resolve();
  private sweepTimer: ReturnType<typeof setInterval> | null = null;
  private heartbeatTimer: ReturnType<typeof setInterval> | null = null;
  /** Set by stop(): the server may still accept sockets until it closes, refuse them. */
  private stopping = false;
  private liveness: Liveness;
  /** Leave cleanups in flight, so shutdown can wait for them. */
  private readonly pending = new Set<Promise<void>>();

  constructor(private readonly ports: RealtimePorts) {
    this.liveness = newLiveness(ports.instanceId, ports.now());
    this.io = {
      ports,
      autoPausedSeq: new Map(),
      send: (connection, message) => this.send(connection, message),
      publish: (roomId, message) =>
        ports.live.publish({ roomId, origin: ports.instanceId, message }),
      fail: (connection, code, message, opts) =>
        sendError(this.io, connection, code, message, opts),
      disconnect: (connection, code, reason) => this.disconnect(connection, code, reason),
      enterRoom: (connection) => this.enterRoom(connection),
      pruneStale: async (roomId) => {
        await this.pruneStale(roomId);
      },
    };
  }

  /** Subscribes to the bus and starts the sweep and heartbeat timers (`timers: false`: tests drive them). */
  start(opts: { timers?: boolean } = {}): Promise<void> {
    this.liveness = newLiveness(this.ports.instanceId, this.ports.now());
    this.ready = this.subscribe().then(() => this.heartbeat());
    if (opts.timers !== false) {
      this.sweepTimer = setInterval(() => this.sweep(this.ports.now()), SWEEP_INTERVAL_MS);
      this.heartbeatTimer = setInterval(() => {
        this.heartbeat().catch((error: unknown) => this.logError('heartbeat failed', error));
      }, HEARTBEAT_EVERY_MS);
    }
    return this.ready;
  }

  /**
   * Tells other instances this one is alive, and drops entries of instances that went
   * silent from the rooms this instance has members in.
   */
  async heartbeat(): Promise<void> {
    await this.ports.live.publish({
      roomId: INSTANCE_CHANNEL,
      origin: this.ports.instanceId,
      message: { type: 'instance-alive' },
    });
    // Rooms are checked a batch at a time: one by one, a thousand rooms took a thousand
    // sequential store round trips every 5 s; all at once, a burst that delays live traffic.
    const roomIds = [...this.rooms.keys()];
    for (let i = 0; i < roomIds.length; i += PRUNE_BATCH) {
      await Promise.all(roomIds.slice(i, i + PRUNE_BATCH).map((roomId) => this.pruneStale(roomId)));
    }
  }

  private pruneStale(roomId: string): Promise<number> {
    const now = this.ports.now();
    const hasLocal = (connectionId: string) => this.connections.has(connectionId);
    return pruneStaleParticipants(this.io, roomId, (entry) =>
      isStaleEntry(this.liveness, entry, hasLocal, now),
    );
  }

  private logError(message: string, error: unknown): void {
    (this.ports.logError ?? console.error)(message, error);
  }

  private async subscribe(): Promise<void> {
    this.unsubscribe = await this.ports.live.subscribe((event) => this.onBusEvent(event));
  }

  /** Graceful shutdown: clients are told to reconnect (1012), their entries removed. */
  async stop(): Promise<void> {
    this.stopping = true;
    if (this.sweepTimer) clearInterval(this.sweepTimer);
    if (this.heartbeatTimer) clearInterval(this.heartbeatTimer);
    this.sweepTimer = null;
    this.heartbeatTimer = null;
    for (const connection of [...this.connections.values()]) {
      this.disconnect(connection, CLOSE.serviceRestart, 'service restart');
    }
    await Promise.allSettled([...this.pending]);
    await this.unsubscribe?.();
    this.unsubscribe = null;
  }

  get connectionCount(): number {
    return this.connections.size;
  }

  open(socket: HubSocket): void {
    if (this.stopping) {
      // A client reconnecting during shutdown would join against closing stores.
      socket.close(CLOSE.serviceRestart, 'service restart');
      return;
    }
    this.connections.set(socket.id, newConnection(socket, this.ports.now()));
  }

  /** A frame arrived. Frames of one connection are handled in order, one at a time. */
  message(socketId: string, raw: RawFrame): void {
    const connection = this.connections.get(socketId);
    if (!connection || connection.phase === 'closed') return;
    connection.lastSeenAt = this.ports.now();
    connection.queue = connection.queue
      .then(() => this.ready)
      .then(() => this.handleFrame(connection, raw))
      .catch((error: unknown) => {
        this.logError('realtime handler failed', error);
        if (connection.phase !== 'closed') this.io.fail(connection, 'internal', 'internal error');
      });
  }

  /** The transport reports the socket closed (by either side). */
  closed(socketId: string): void {
    const connection = this.connections.get(socketId);
    if (connection) this.cleanup(connection);
  }

  /** Drops connections that missed the hello or idle deadline. Pure in its inputs but `now`. */
  sweep(now: number): void {
    const limits = { helloTimeoutMs: HELLO_TIMEOUT_MS, idleTimeoutMs: IDLE_TIMEOUT_MS };
    for (const connection of [...this.connections.values()]) {
      const missed = missedDeadline(connection, now, limits);
      if (missed === 'hello')
        this.disconnect(connection, CLOSE.helloTimeout, 'no hello within 5 s');
      if (missed === 'idle') this.disconnect(connection, CLOSE.idle, 'no message within 30 s');
    }
  }

  private async handleFrame(connection: Connection, raw: RawFrame): Promise<void> {
    if (connection.phase === 'closed') return;
    const parsed = parseClientMessage(raw, MAX_FRAME_BYTES);
    if (!parsed.ok) {
      const { code, message, ref } = parsed.error;
      const fatal = code === 'version_mismatch' ? { closeCode: CLOSE.versionMismatch } : undefined;
      return this.io.fail(connection, code, message, { ref, fatal });
    }
    const message = parsed.message;
    if (!allowByRate(connection, message.type, this.ports.now())) {
      return this.io.fail(connection, 'rate_limited', `too many ${message.type} messages`, {
        ref: refOf(message),
      });
    }
    await dispatchMessage(this.io, connection, message);
  }

  private enterRoom(connection: Connection): void {
    const roomId = connection.joined?.room.id;
    if (!roomId) return;
    let members = this.rooms.get(roomId);
    if (!members) {
      members = new Set();
      this.rooms.set(roomId, members);
    }
    members.add(connection);
  }

  private send(connection: Connection, message: ServerMessage): void {
    if (connection.phase === 'closed') return;
    connection.socket.send(encodeServer(message));
  }

  private onBusEvent(event: RoomEvent): void {
    if (event.roomId === INSTANCE_CHANNEL) {
      this.liveness = noteAlive(this.liveness, event.origin, this.ports.now());
      return;
    }
    const message = event.message as ServerMessage;
    if (message.type === 'playback') {
      // Every instance learns of auto-pauses, so whichever sees the last "ready" can resume.
      if (message.cause?.action === 'wait-buffering') {
        this.io.autoPausedSeq.set(event.roomId, message.playback.seq);
      } else if (message.cause) {
        this.io.autoPausedSeq.delete(event.roomId);
      }
    }
    if (message.type === 'room-closed') this.io.autoPausedSeq.delete(event.roomId);
    const members = this.rooms.get(event.roomId);
    if (!members) return;
    const text = encodeServer(message);
    for (const connection of [...members]) {
      if (connection.backlog) connection.backlog.push(text);
      else if (connection.phase !== 'closed') connection.socket.send(text);
      if (message.type === 'room-closed') {
        this.disconnect(connection, CLOSE.roomClosed, `room closed: ${message.reason}`);
      }
    }
  }

  private disconnect(connection: Connection, code: number, reason: string): void {
    if (connection.phase === 'closed') return;
    try {
      connection.socket.close(code, reason);
    } catch {
      // Already closed by the peer: the cleanup below is what matters.
    }
    this.cleanup(connection);
  }

  /** Runs once per connection: forget it locally, then leave the room for everyone else. */
  private cleanup(connection: Connection): void {
    if (!this.connections.has(connection.socket.id)) return;
    this.connections.delete(connection.socket.id);
    connection.phase = 'closed';
    const joined = connection.joined;
    if (!joined) return;
    const roomId = joined.room.id;
    const members = this.rooms.get(roomId);
    members?.delete(connection);
    if (members?.size === 0) this.rooms.delete(roomId);
    const { userId, name } = joined.participant;
    // Wait for whatever the connection was doing (e.g. a join still publishing) first.
    const leave = connection.queue
      .then(async () => {
        const connectionId = connection.socket.id;
        const removed = await this.ports.live.removeParticipant(roomId, connectionId);
        const at = this.ports.now();
        await recordPresenceSafely(this.io, { roomId, userId, connectionId, kind: 'leave', at });
        // Nothing left to announce when the room's live state is gone (closed room).
        if (!removed) return;
        await this.io.publish(roomId, {
          type: 'presence',
          participants: await this.ports.live.listParticipants(roomId),
          event: { kind: 'leave', userId, name },
        });
        if (removed.buffering) await applyBufferingPolicy(this.io, roomId, { userId, name });
      })
      .catch((error: unknown) => this.logError('leave failed', error));
    this.pending.add(leave);
    void leave.finally(() => this.pending.delete(leave));
  }
}
