/**
 * The realtime hub of one backend instance: holds its connections, judges each frame the
 * moment it arrives (arrival.ts: size, schema, rate — per connection and per person), queues
 * what passed for its feature handler, and hands room events to its local sockets (rooms.ts).
 */
import type { RawFrame, ServerMessage } from '@kino/shared/protocol';
import { isDependencyUnavailable } from '../faults/unavailable.ts';
import type { RoomEvent } from '../live/types.ts';
import { judgeFrame } from './arrival.ts';
import { applyBufferingPolicy } from './buffering.ts';
import type { BusCounters } from './bus-counters.ts';
import { type Connection, missedDeadline, newConnection } from './connection.ts';
import { dispatchMessage } from './dispatch.ts';
import { leaveRoom } from './leave.ts';
import { CLOSE, HELLO_TIMEOUT_MS, IDLE_TIMEOUT_MS, SWEEP_INTERVAL_MS } from './limits.ts';
import { HEARTBEAT_EVERY_MS, INSTANCE_CHANNEL } from './liveness.ts';
import type { HubSocket, RealtimePorts } from './ports.ts';
import { type Arrival, encodeServer, type RoomIO, sendError } from './room-io.ts';
import { RoomSync } from './room-sync.ts';
import { quietly, Rooms } from './rooms.ts';
import { createUserBudgets, type UserBudgets } from './user-budget.ts';

export class Hub {
  private readonly connections = new Map<string, Connection>();
  private readonly rooms: Rooms;
  private readonly io: RoomIO;
  private readonly budgets: UserBudgets;
  private readonly sync: RoomSync;
  private unsubscribe: (() => Promise<void>) | null = null;
  /** Frames wait for the bus subscription, so no room event can slip past a new member. */
  private ready: Promise<void> = Promise.resolve();
  private sweepTimer: ReturnType<typeof setInterval> | null = null;
  private heartbeatTimer: ReturnType<typeof setInterval> | null = null;
  /** Set by stop(): the server may still accept sockets until it closes, refuse them. */
  private stopping = false;
  /** Leave cleanups in flight, so shutdown can wait for them. */
  private readonly pending = new Set<Promise<void>>();

  constructor(private readonly ports: RealtimePorts) {
    const logError = (message: string, error: unknown) =>
      (ports.logError ?? console.error)(message, error);
    this.rooms = new Rooms({
      ports,
      logError,
      closeConnection: (id, code, reason) => {
        const connection = this.connections.get(id);
        if (connection) this.disconnect(connection, code, reason);
        return connection !== undefined;
      },
      resyncRoom: (fanout) => {
        this.sync
          .resyncRoom(fanout)
          .catch((error: unknown) => this.io.logError('resync of a room failed', error));
      },
    });
    this.io = {
      ports,
      send: (connection, message) => this.send(connection, message),
      broadcast: (roomId, message, opts) => this.rooms.broadcast(roomId, message, opts?.rev),
      fail: (connection, code, message, opts) =>
        sendError(this.io, connection, code, message, opts),
      disconnect: (connection, code, reason) => this.disconnect(connection, code, reason),
      enterRoom: (connection) => this.rooms.enter(connection),
      welcomed: (connection, playbackSeq) => this.rooms.welcomed(connection, playbackSeq),
      pruneStale: (roomId) => this.sync.pruneRoom(roomId),
      closeReplaced: (roomId, ids) => this.rooms.closeReplaced(roomId, ids),
      noteHold: (roomId, deadline) => this.rooms.noteHold(roomId, deadline),
      knownPlayback: (roomId) => this.rooms.byId.get(roomId)?.lastPlayback ?? null,
      logError,
    };
    this.budgets = createUserBudgets(
      ports.live,
      quietly((e) => logError('rate bucket', e)),
      (roomId) => this.rooms.servesAlone(roomId),
    );
    this.sync = new RoomSync(this.io, {
      rooms: () => this.rooms.byId,
      hasConnection: (id) => this.connections.has(id),
    });
  }

  /** Subscribes to the bus and starts the sweep and heartbeat timers (`timers: false`: tests drive them). */
  start(opts: { timers?: boolean } = {}): Promise<void> {
    this.sync.start();
    // A first heartbeat that fails (a store away at start) must not fail every frame after it.
    this.ready = this.subscribe().then(() =>
      this.heartbeat().catch((error: unknown) => this.io.logError('heartbeat failed', error)),
    );
    if (opts.timers !== false) {
      this.sweepTimer = setInterval(() => this.sweep(this.ports.now()), SWEEP_INTERVAL_MS);
      this.heartbeatTimer = setInterval(() => {
        this.heartbeat().catch((error: unknown) => this.io.logError('heartbeat failed', error));
      }, HEARTBEAT_EVERY_MS);
    }
    return this.ready;
  }

  /**
   * Tells other instances this one is alive; drops entries of instances that went silent;
   * puts back this instance's own entries if the live store lost them; hands out chat lines
   * the bus never brought; keeps occupied rooms from expiring (room-sync.ts).
   */
  async heartbeat(): Promise<void> {
    await this.rooms
      .rewatchAll()
      .catch((error: unknown) => this.io.logError('watching rooms again failed', error));
    await this.sync.heartbeat();
  }

  /** What the bus cost this instance so far (bus-counters.ts), for the load benchmark. */
  busCounters(): BusCounters {
    return { ...this.rooms.counters };
  }

  /** The bus came back after Redis was away: resynchronise every room we serve at once. */
  resync(): Promise<void> {
    return this.sync.resync();
  }

  private async subscribe(): Promise<void> {
    this.unsubscribe = await this.ports.live.subscribe((event) => this.onBusEvent(event), {
      instanceId: this.ports.instanceId,
      onReconnect: () => {
        this.resync().catch((error: unknown) => this.io.logError('resync failed', error));
      },
    });
  }

  private onBusEvent(event: RoomEvent): void {
    if (event.roomId === INSTANCE_CHANNEL) this.sync.noteInstance(event.origin);
    else this.rooms.onEvent(event);
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
    this.rooms.dispose();
    await this.unsubscribe?.();
    this.unsubscribe = null;
  }

  open(socket: HubSocket): void {
    if (this.stopping) {
      // A client reconnecting during shutdown would join against closing stores.
      socket.close(CLOSE.serviceRestart, 'service restart');
      return;
    }
    this.connections.set(socket.id, newConnection(socket, this.ports.now()));
  }

  /**
   * A frame arrived: judged now (arrival.ts), so time spent queued behind a slow store never
   * counts against the client; what passed is handled in order, one frame of a connection at
   * a time.
   */
  message(socketId: string, raw: RawFrame): void {
    const connection = this.connections.get(socketId);
    if (!connection || connection.phase === 'closed') return;
    const receivedAt = this.ports.now();
    connection.lastSeenAt = receivedAt;
    const admitted = judgeFrame(this.io, connection, raw, receivedAt, this.budgets);
    if (!admitted) return;
    const { message, ref, budget } = admitted;
    const arrival: Arrival = { receivedAt };
    connection.queued++;
    // One step per frame (one promise in the chain, not four: this runs for every message).
    const step = async () => {
      try {
        await this.ready;
        if (connection.phase === 'closed') return;
        if (await budget) await dispatchMessage(this.io, connection, message, arrival);
        else this.io.fail(connection, 'rate_limited', `too many ${message.type} messages`, { ref });
      } catch (error) {
        this.handlerFailed(connection, ref, error);
      } finally {
        connection.queued--;
      }
    };
    connection.queue = connection.queue.then(step, step);
  }

  /** A server fault while handling a client's message: its sender learns, and is not blamed. */
  private handlerFailed(connection: Connection, ref: string, error: unknown): void {
    if (connection.phase === 'closed') return;
    if (isDependencyUnavailable(error)) {
      const text = `the ${error.dependency} is unavailable; it was not applied, send it again`;
      this.io.fail(connection, 'unavailable', text, { ref });
      return;
    }
    this.io.logError('realtime handler failed', error);
    this.io.fail(connection, 'internal', 'internal error; it was not applied', { ref });
  }

  /** The transport reports the socket closed (by either side). */
  closed(socketId: string): void {
    const connection = this.connections.get(socketId);
    if (connection) this.cleanup(connection);
  }

  /**
   * Drops connections that missed the hello or idle deadline, and re-decides buffering holds
   * that may have run out. Pure in its inputs but `now`.
   */
  sweep(now: number): void {
    const limits = { helloTimeoutMs: HELLO_TIMEOUT_MS, idleTimeoutMs: IDLE_TIMEOUT_MS };
    for (const connection of [...this.connections.values()]) {
      const missed = missedDeadline(connection, now, limits);
      if (missed === 'hello')
        this.disconnect(connection, CLOSE.helloTimeout, 'no hello within 5 s');
      if (missed === 'idle') this.disconnect(connection, CLOSE.idle, 'no message within 30 s');
    }
    for (const fanout of this.rooms.byId.values()) {
      if (fanout.holdDeadline === null || now < fanout.holdDeadline) continue;
      fanout.holdDeadline = null;
      applyBufferingPolicy(this.io, fanout.roomId, null).catch((error: unknown) => {
        // The record away or slow: try again at the next sweep, or the room would stay held
        // for good (nobody's stall ends it once it ran out).
        fanout.holdDeadline ??= now;
        if (!isDependencyUnavailable(error))
          this.io.logError('ending a buffering hold failed', error);
      });
    }
    this.budgets.sweep(now);
  }

  private send(connection: Connection, message: ServerMessage): void {
    if (connection.phase === 'closed') return;
    const text = encodeServer(message);
    if (text === null) {
      this.io.logError(`refused to send a ${message.type} frame over the budget`, null);
      return;
    }
    connection.socket.send(text);
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
    if (!connection.joined) return;
    this.rooms.leave(connection);
    // Wait for whatever the connection was doing (e.g. a join still publishing) first.
    const leave = connection.queue
      .then(() => leaveRoom(this.io, connection))
      .catch((error: unknown) => this.io.logError('leave failed', error));
    this.pending.add(leave);
    void leave.finally(() => this.pending.delete(leave));
  }
}
