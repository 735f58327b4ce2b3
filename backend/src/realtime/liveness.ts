/**
 * Which backend instances are alive, learned from heartbeats on the shared bus, so that
 * participants left behind by a crashed instance can be removed. Pure: time is passed in.
 *
 * An instance we have not heard from is presumed dead only once we ourselves have listened
 * for a full DEAD_AFTER_MS: a freshly started instance knows nobody yet.
 */

/** Bus pseudo-room the heartbeats travel in (no real room id starts with '*'). */
export const INSTANCE_CHANNEL = '*instances';
export const HEARTBEAT_EVERY_MS = 5_000;
export const DEAD_AFTER_MS = 3 * HEARTBEAT_EVERY_MS;
/**
 * The shortest ROOM_IDLE_TTL_SECONDS a deployment may set: two heartbeats. An occupied room's
 * idle clock is restarted at least every heartbeat, from Postgres alone while Redis is away;
 * with a TTL shorter than that, a sweep could close a room with people in it during an outage.
 */
export const MIN_ROOM_IDLE_TTL_SECONDS = (2 * HEARTBEAT_EVERY_MS) / 1000;
/** Most time between two restarts of an occupied room's idle clock (room-sync.ts). */
export const TOUCH_AT_MOST_EVERY_MS = 60_000;

/**
 * How often the heartbeat restarts an occupied room's idle clock: a tenth of the idle TTL
 * (ROOM_IDLE_TTL_SECONDS, 30 min unless configured), at most a minute, at least every heartbeat.
 * Each restart is an update of the room's row and its indexes; every heartbeat, that was a
 * thousand rows every 5 s for a thousand rooms, where the clock only needs to stay well short
 * of the TTL for the sweeper never to find a room with people in it idle (a Redis back empty).
 */
export function touchEveryMs(idleTtlMs: number | undefined): number {
  if (idleTtlMs === undefined) return TOUCH_AT_MOST_EVERY_MS;
  return Math.max(HEARTBEAT_EVERY_MS, Math.min(TOUCH_AT_MOST_EVERY_MS, Math.floor(idleTtlMs / 10)));
}

export interface Liveness {
  self: string;
  startedAt: number;
  /** Last heartbeat time per instance id. */
  lastSeen: ReadonlyMap<string, number>;
}

export function newLiveness(self: string, now: number): Liveness {
  return { self, startedAt: now, lastSeen: new Map() };
}

export function noteAlive(liveness: Liveness, instanceId: string, now: number): Liveness {
  const lastSeen = new Map(liveness.lastSeen);
  lastSeen.set(instanceId, now);
  return { ...liveness, lastSeen };
}

/**
 * Whether a participant entry is stale: it belongs to this instance but no local socket
 * has it (left over from a crash of this instance id), or its instance went silent.
 */
export function isStaleEntry(
  liveness: Liveness,
  entry: { instanceId: string; connectionId: string },
  hasLocalConnection: (connectionId: string) => boolean,
  now: number,
): boolean {
  if (entry.instanceId === liveness.self) return !hasLocalConnection(entry.connectionId);
  if (now - liveness.startedAt < DEAD_AFTER_MS) return false;
  const seen = liveness.lastSeen.get(entry.instanceId);
  return seen === undefined || now - seen > DEAD_AFTER_MS;
}
