/**
 * Keeping every room this instance serves in step with the shared state, whatever happened to
 * Redis or to other instances:
 * - heartbeat (every 5 s): tell others we are alive; prune entries of silent instances; put
 *   back our own entries if the live store lost them (a Redis restarted empty); hand out chat
 *   lines the record has and the bus never brought; restart occupied rooms' idle clocks, so
 *   the expiry sweeper never closes a room with people in it (each room every touchEveryMs,
 *   liveness.ts);
 * - resync (the bus came back after Redis was away): the same at once, plus playback and
 *   settings refreshed from the record for our members.
 */
import type { ServerMessageOf } from '@kino/shared/protocol';
import { holdDeadline } from '@kino/shared/room/buffering';
import type { LiveParticipant } from '../live/types.ts';
import { announcePresence } from './announce.ts';
import type { RoomFanout } from './fanout.ts';
import {
  INSTANCE_CHANNEL,
  isStaleEntry,
  type Liveness,
  newLiveness,
  noteAlive,
  touchEveryMs,
} from './liveness.ts';
import type { RoomIO } from './room-io.ts';
import { cachePlayback } from './room-state.ts';
import { pruneStaleParticipants } from './stale-participants.ts';

/** Rooms whose participant lists one heartbeat checks at the same time. */
const BATCH = 50;
const RESYNC_RETRIES = 10;
const RESYNC_RETRY_MS = 300;

export interface RoomSyncView {
  rooms(): ReadonlyMap<string, RoomFanout>;
  hasConnection(connectionId: string): boolean;
}

export class RoomSync {
  private liveness: Liveness;
  /** When this instance last restarted each room's idle clock (record.touchRooms). */
  private touchedAt = new Map<string, number>();

  constructor(
    private readonly io: RoomIO,
    private readonly view: RoomSyncView,
  ) {
    this.liveness = newLiveness(io.ports.instanceId, io.ports.now());
  }

  /** Starts afresh: a started hub has heard from no instance yet. */
  start(): void {
    this.liveness = newLiveness(this.io.ports.instanceId, this.io.ports.now());
    this.touchedAt = new Map();
  }

  noteInstance(instanceId: string): void {
    this.liveness = noteAlive(this.liveness, instanceId, this.io.ports.now());
  }

  async pruneRoom(roomId: string, known?: LiveParticipant[]): Promise<void> {
    const now = this.io.ports.now();
    const liveness = this.liveness;
    await pruneStaleParticipants(
      this.io,
      roomId,
      (entry) => isStaleEntry(liveness, entry, this.view.hasConnection, now),
      known,
    );
  }

  /**
   * The record's part (idle clocks, lines the bus never brought) and the live store's part run
   * side by side, and one failing never skips the other: while Redis is away its calls fail,
   * and had the idle clocks waited behind them, a room whose Redis came back empty would look
   * idle (no entries yet, activity older than the TTL) to the first sweep that ran before our
   * entries were put back — and close with everyone in it.
   */
  async heartbeat(): Promise<void> {
    const rooms = [...this.view.rooms().values()];
    const steps = await Promise.allSettled([
      this.recordHeartbeat(rooms),
      this.liveHeartbeat(rooms),
    ]);
    const failed = steps.find((step) => step.status === 'rejected');
    if (failed) throw failed.reason;
  }

  private async recordHeartbeat(rooms: RoomFanout[]): Promise<void> {
    await this.touchDueRooms(rooms);
    await this.fillFeeds(rooms);
  }

  /**
   * Restarts the idle clocks that are due (touchEveryMs): a room this instance has not touched
   * yet at once, then again once the interval has passed. Rooms no longer served are forgotten.
   */
  private async touchDueRooms(rooms: RoomFanout[]): Promise<void> {
    const { ports } = this.io;
    const now = ports.now();
    const every = touchEveryMs(ports.roomIdleTtlMs);
    const touched = new Map<string, number>();
    const due: string[] = [];
    for (const { roomId } of rooms) {
      const last = this.touchedAt.get(roomId);
      if (last === undefined || now - last >= every) due.push(roomId);
      else touched.set(roomId, last);
    }
    this.touchedAt = touched;
    await ports.record.touchRooms(due, now);
    for (const roomId of due) this.touchedAt.set(roomId, now);
  }

  private async liveHeartbeat(rooms: RoomFanout[]): Promise<void> {
    const { ports } = this.io;
    await ports.live.publish({
      roomId: INSTANCE_CHANNEL,
      origin: ports.instanceId,
      message: { type: '*instance-alive' },
    });
    // A batch at a time: one by one, a thousand rooms took a thousand sequential round trips
    // every 5 s; all at once, a burst that delays live traffic.
    for (let i = 0; i < rooms.length; i += BATCH) {
      await Promise.all(
        rooms.slice(i, i + BATCH).map(async (fanout) => {
          // One read of the room's entries serves both checks (they touch different entries).
          const { entries } = await ports.live.presence(fanout.roomId);
          await this.pruneRoom(fanout.roomId, entries);
          await this.restoreEntries(fanout, entries);
        }),
      );
    }
  }

  /**
   * Resynchronises every room; a store that is not quite back yet is tried again shortly
   * (RESYNC_RETRIES times, then the heartbeat carries on).
   */
  async resync(): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        const rooms = [...this.view.rooms().values()];
        for (let i = 0; i < rooms.length; i += BATCH) {
          await Promise.all(rooms.slice(i, i + BATCH).map((fanout) => this.resyncRoom(fanout)));
        }
        return;
      } catch (error) {
        if (attempt >= RESYNC_RETRIES) throw error;
        await Bun.sleep(RESYNC_RETRY_MS);
      }
    }
  }

  /**
   * Reads the room again: entries, chat past the feed, playback, settings, presence. After the
   * bus was away, and when an instance that served the room alone says it published nothing.
   */
  async resyncRoom(fanout: RoomFanout): Promise<void> {
    await this.restoreEntries(fanout);
    await fanout.feed.catchUp();
    const room = await this.io.ports.record.get(fanout.roomId);
    if (!room) return;
    cachePlayback(this.io, fanout.roomId, room.playback);
    // What other instances changed while the bus was away (ours were handed out already).
    if (room.playback.seq > fanout.playbackSeq) {
      fanout.deliver({ type: 'playback', playback: room.playback, cause: null });
    }
    // A hold another instance started while the bus was away: ours ends it if that one cannot.
    fanout.holdDeadline ??= holdDeadline(room.buffering, room.playback);
    const settings: ServerMessageOf<'settings'> = { type: 'settings', settings: room.settings };
    fanout.deliver(settings);
    await announcePresence(this.io, fanout.roomId);
  }

  /** Puts back entries of our connections that the live store no longer has. */
  private async restoreEntries(fanout: RoomFanout, known?: LiveParticipant[]): Promise<void> {
    const entries = known ?? (await this.io.ports.live.presence(fanout.roomId)).entries;
    const present = new Set(entries.map((e) => e.connectionId));
    const missing = [...fanout.members].filter(
      (c) => c.phase === 'joined' && !c.backlog && c.joined && !present.has(c.socket.id),
    );
    if (missing.length === 0) return;
    for (const connection of missing) {
      await this.io.ports.live.putParticipant(fanout.roomId, connection.joined!.participant);
    }
    await announcePresence(this.io, fanout.roomId);
  }

  /** Lines the record has beyond what a feed handed out (their publisher died, the bus lost them). */
  private async fillFeeds(rooms: RoomFanout[]): Promise<void> {
    if (rooms.length === 0) return;
    const cursors = await this.io.ports.record.chatCursors(rooms.map((r) => r.roomId));
    for (const fanout of rooms) {
      const cursor = cursors.get(fanout.roomId);
      if (cursor !== undefined) fanout.feed.noteRecordCursor(cursor);
    }
  }
}
