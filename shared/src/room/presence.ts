/**
 * Who is in a room, as a bounded list: a room holds at most ROOM_CAPACITY.maxMembers people
 * with at most maxConnectionsPerMember tabs each, and the wire shows one entry per person.
 * So `presence` and `welcome` never outgrow the client's frame limit, however many tabs or
 * sockets somebody opens.
 */
import { jsonBytes } from '../protocol/frame-budget.ts';
import { personPlayerState } from '../protocol/player-state.ts';
import type { Participant } from '../types.ts';

export interface RoomCapacity {
  maxMembers: number;
  maxConnectionsPerMember: number;
}

export const ROOM_CAPACITY: RoomCapacity = {
  /** People (distinct users) in one room: friends watching a film, with room to spare. */
  maxMembers: 20,
  /** Connections of one person in one room: a few tabs, not hundreds. */
  maxConnectionsPerMember: 3,
};

/**
 * Bytes one presence entry may take on the wire. With maxMembers this bounds the participant
 * list at about 10 KiB, leaving a welcome at least 4 KiB for chat within its 16 KiB frame.
 */
export const PARTICIPANT_MAX_BYTES = 512;

/**
 * One entry per user: the earliest joinedAt, buffering when any of their tabs is, `player`
 * when none of their tabs follows the room.
 */
export function compactPresence(entries: readonly Participant[]): Participant[] {
  const byUser = new Map<string, Participant>();
  for (const entry of entries) {
    const known = byUser.get(entry.userId);
    if (!known) {
      byUser.set(entry.userId, entry);
      continue;
    }
    const first = entry.joinedAt < known.joinedAt ? entry : known;
    const { player: _, ...rest } = first;
    const player = personPlayerState([known.player, entry.player]);
    byUser.set(entry.userId, {
      ...rest,
      buffering: known.buffering || entry.buffering,
      ...(player ? { player } : {}),
    });
  }
  return [...byUser.values()].sort(
    (a, b) => a.joinedAt - b.joinedAt || a.userId.localeCompare(b.userId),
  );
}

export interface ConnectionKey {
  userId: string;
  /** The tab (client id from `hello`): the same tab reconnecting replaces its old entry. */
  clientId: string;
  connectionId: string;
}

export type Admission =
  | {
      ok: true;
      /** Entries of the same tab that the newcomer replaces at once (a reconnect, a failover). */
      replaces: string[];
      /** Whether the user had no other connection in the room (announce a join). */
      firstOfUser: boolean;
    }
  | { ok: false; code: 'room_full' | 'too_many_connections' };

/**
 * Whether a new connection may join a room holding `entries`. Pure; the live stores apply the
 * same rule atomically (the Redis one in Lua), and one contract suite checks both.
 */
export function admitConnection(
  entries: readonly ConnectionKey[],
  newcomer: ConnectionKey,
  capacity = ROOM_CAPACITY,
): Admission {
  // The newcomer's own entry is there when a retried join had already been applied.
  const others = entries.filter((e) => e.connectionId !== newcomer.connectionId);
  const replaces = others
    .filter((e) => e.userId === newcomer.userId && e.clientId === newcomer.clientId)
    .map((e) => e.connectionId);
  const remaining = others.filter((e) => !replaces.includes(e.connectionId));
  const own = remaining.filter((e) => e.userId === newcomer.userId).length;
  if (own >= capacity.maxConnectionsPerMember) return { ok: false, code: 'too_many_connections' };
  const members = new Set(remaining.map((e) => e.userId));
  if (own === 0 && members.size >= capacity.maxMembers) return { ok: false, code: 'room_full' };
  // A tab replacing its own old connection was there already: no join to announce.
  return { ok: true, replaces, firstOfUser: own === 0 && replaces.length === 0 };
}

/**
 * The entry with its name shortened until it fits PARTICIPANT_MAX_BYTES, or null when even a
 * one-character name would not (an absurd user id from the directory).
 */
export function fitParticipant<P extends Participant>(
  entry: P,
  maxBytes = PARTICIPANT_MAX_BYTES,
): P | null {
  if (jsonBytes(entry) <= maxBytes) return entry;
  const chars = [...entry.name];
  for (let keep = chars.length - 1; keep >= 1; keep--) {
    const shorter = { ...entry, name: `${chars.slice(0, keep).join('').trimEnd()}…` };
    if (jsonBytes(shorter) <= maxBytes) return shorter;
  }
  return null;
}
