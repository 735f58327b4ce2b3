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
