import type { ServerMessage } from '@kino/shared/protocol';
import type { Admission } from '@kino/shared/room/presence';
import type { RateLimit } from '@kino/shared/room/rate-limit';
import type { Participant, PlaybackState, RoomSettings } from '@kino/shared/types';

/**
 * What travels on the bus: a server→client message for a room's members, or one of the
 * instances' own notices (their types start with `*`, which no protocol message does).
 */
export type BusMessage =
  | ServerMessage
  /** This instance is alive (on the every-instance channel). */
  | { type: '*instance-alive' }
  /** These connections were replaced by a newer one of the same tab: whoever holds them closes them. */
  | { type: '*replaced'; connectionIds: string[] }
  /** The owner took this user out of the room: whoever holds their connections closes them. */
  | { type: '*revoked'; userId: string }
  /**
   * `origin` watches the room from now on (the store tells the room's other watchers; the
   * event's `rev` is the revision of the room's set of watchers).
   */
  | { type: '*watching' }
  /**
   * `origin` served the room alone and published nothing until now (it knew no other instance
   * watched it): what it changed meanwhile is in the record and the live store — read it.
   */
  | { type: '*resync' };

/** What instances tell each other about a room (fan-out bus). */
export interface RoomEvent {
  roomId: string;
  /** Instance that published it, so it can skip its own echo if it wants. */
  origin: string;
  message: BusMessage;
  /** The participants' revision a `presence` was built from (newer wins across instances). */
  rev?: number;
  /** The publishing instance already delivered it to its own sockets (no echo to it). */
  local?: boolean;
  /**
   * `message` as JSON text, when the publisher has it already (it encoded the frame for its own
   * sockets) and on every event the bus delivers: the frame is encoded once per room, not
   * again per instance.
   */
  text?: string;
}

/**
 * Pseudo-rooms whose id starts with this reach every instance (heartbeats); real room ids never
 * start with it. Every other event reaches only the instances watching its room.
 */
export const EVERY_INSTANCE_PREFIX = '*';

/** Who watches a room, as the store saw it at revision `rev` (newer revisions win). */
export interface PeerView {
  rev: number;
  /** Every watching instance, the one that asked included. */
  peers: string[];
}

export interface BusOptions {
  /** The subscribing instance: events of the rooms it watches come to it. */
  instanceId: string;
  /**
   * Runs after the subscription was restored following a lost connection: events published
   * meanwhile were missed, and the live state may be empty (a restart without persistence).
   * The store has registered the instance's watched rooms again before it runs.
   */
  onReconnect?: () => void;
}

/** A connection in a room as the live store keeps it: the wire entry plus server-only facts. */
export interface LiveParticipant extends Participant {
  /** The tab (`hello.clientId`): the same tab reconnecting replaces this entry at once. */
  clientId: string;
  /** When the current stall began (ms), while `buffering`. */
  bufferingSince?: number;
}

/** Every connection in a room, and the revision of that list (bumped by every change). */
export interface Presence {
  entries: LiveParticipant[];
  rev: number;
}

export type JoinResult =
  | (Extract<Admission, { ok: true }> & { replaced: LiveParticipant[]; rev: number })
  | Extract<Admission, { ok: false }>;

export interface LeaveResult {
  removed: LiveParticipant | null;
  /** The user has no other connection left in the room (announce the leave). */
  lastOfUser: boolean;
  rev: number;
}

/**
 * Live room state: who is connected, per-user rate buckets, a cache of the room record's
 * playback and settings (rebuilt from the record when Redis comes back empty), and the
 * cross-instance bus. Two implementations (Redis, in-memory) pass one contract suite; every
 * method is atomic per room, also across backend instances sharing Redis. Losing all of it
 * loses nothing that matters: the record (backend/src/record) has the rest, and each instance
 * re-registers its own connections.
 */
export interface LiveStore {
  readonly kind: 'redis' | 'memory';

  /** The cached playback, or null (never cached, or Redis lost it: ask the record). */
  getPlayback(roomId: string): Promise<PlaybackState | null>;
  /** Caches `state` unless none is cached yet; returns the cached state. */
  initPlayback(roomId: string, state: PlaybackState): Promise<PlaybackState>;
  /** Caches `state` unless a newer seq is cached already (instances may race). */
  cachePlayback(roomId: string, state: PlaybackState): Promise<void>;

  getSettings(roomId: string): Promise<RoomSettings | null>;
  setSettings(roomId: string, settings: RoomSettings): Promise<void>;

  /**
   * Adds a connection if the room admits it (admitConnection in @kino/shared/room/presence:
   * capacity, tabs per member), replacing the entries of the same user's same tab.
   */
  joinParticipant(
    roomId: string,
    participant: LiveParticipant,
    capacity: { maxMembers: number; maxConnectionsPerMember: number },
  ): Promise<JoinResult>;
  /** Adds or replaces (same connectionId) an entry without admission: updates, re-registration. */
  putParticipant(roomId: string, participant: LiveParticipant): Promise<number>;
  removeParticipant(roomId: string, connectionId: string): Promise<LeaveResult>;
  presence(roomId: string): Promise<Presence>;
  /** The room's connections as the wire shows them (one per connection). */
  listParticipants(roomId: string): Promise<Participant[]>;

  /**
   * Takes a token from the bucket `key` (token bucket of `limit`, refilled by `now`), shared by
   * every instance: per-user budgets across all of a user's connections.
   */
  takeToken(key: string, limit: RateLimit, now: number): Promise<boolean>;

  /** Drops all live state of a room (on close or expiry). */
  deleteRoom(roomId: string): Promise<void>;

  /**
   * Sends an event to the instances that watch its room (never back to its origin when it is
   * `local`), or to every instance for a `*` pseudo-room. An event published when no other
   * instance watches the room goes nowhere: that is the common case under room affinity.
   * Resolves to how many instances it reached.
   */
  publish(event: RoomEvent): Promise<number>;
  /**
   * Receives the events meant for `opts.instanceId`: `*` pseudo-rooms from every instance and
   * the events of the rooms it watches.
   */
  subscribe(handler: (event: RoomEvent) => void, opts: BusOptions): Promise<() => Promise<void>>;
  /**
   * From now on the room's events reach `instanceId` (subscribed first). Whatever was published
   * before this resolved is in the record: read it after, and drop what arrives twice. When
   * this adds `instanceId` to the room's watchers, every other watcher receives a `*watching`
   * event with the new revision, in the same atomic step. Resolves to the watchers then.
   */
  watchRoom(roomId: string, instanceId: string): Promise<PeerView>;
  /** The room's events stop reaching `instanceId` (its last local member left). */
  unwatchRoom(roomId: string, instanceId: string): Promise<void>;

  close(): Promise<void>;
}
