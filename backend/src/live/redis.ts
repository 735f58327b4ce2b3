import type { PlaybackState, RoomSettings } from '@kino/shared/types';
import { decodeEnvelope, encodeEnvelope } from './bus-envelope.ts';
import { DEFAULT_RETRY, openRedisLink, type RetryPolicy } from './redis-link.ts';
import {
  CACHE_PLAYBACK,
  INIT_PLAYBACK,
  JOIN_PARTICIPANT,
  PRESENCE,
  PUT_PARTICIPANT,
  REMOVE_PARTICIPANT,
  ROOM_PUBLISH,
  TAKE_TOKEN,
  UNWATCH_ROOM,
  WATCH_ROOM,
} from './redis-scripts.ts';
import {
  EVERY_INSTANCE_PREFIX,
  type LiveParticipant,
  type LiveStore,
  type RoomEvent,
} from './types.ts';
import { wireParticipant } from './wire.ts';

export interface RedisLiveStoreOptions {
  url: string;
  /** Prepended to every key and channel, so tests (and deployments) can share one Redis. */
  prefix?: string;
  /** How often a command is retried when the connection fails under it. */
  retry?: RetryPolicy;
  /** The longest one store call may take, retries included, before it fails as unavailable. */
  deadlineMs?: number;
  onError?: (message: string) => void;
}

/** A Lua reply that must be an array, checked rather than cast blindly. */
function arrayReply(reply: unknown): unknown[] {
  if (!Array.isArray(reply)) throw new Error(`unexpected Redis script reply: ${String(reply)}`);
  return reply;
}

const parseEntry = (raw: unknown) => JSON.parse(String(raw)) as LiveParticipant;
const byJoin = (a: LiveParticipant, b: LiveParticipant) =>
  a.joinedAt - b.joinedAt || a.connectionId.localeCompare(b.connectionId);

export async function createRedisLiveStore(options: RedisLiveStoreOptions): Promise<LiveStore> {
  const prefix = options.prefix ?? 'kino:';
  const link = await openRedisLink(options.url, {
    retry: options.retry ?? DEFAULT_RETRY,
    deadlineMs: options.deadlineMs,
    onError: options.onError,
    name: `${prefix}live`,
  });

  // Heartbeats go to every instance on one channel; room events go only to the inboxes of the
  // instances in the room's set of peers (ROOM_PUBLISH), so an instance hears its rooms only.
  const channel = `${prefix}events`;
  const inboxPrefix = `${prefix}inbox:`;
  const keys = (roomId: string) => {
    const base = `${prefix}room:{${roomId}}`;
    return {
      playback: `${base}:playback`,
      settings: `${base}:settings`,
      participants: `${base}:participants`,
      rev: `${base}:presence-rev`,
      peers: `${base}:peers`,
      peersRev: `${base}:peers-rev`,
    };
  };

  const handlers = new Map<string, Set<(event: RoomEvent) => void>>();
  const reconnects = new Set<() => void>();
  /** `instanceId → rooms`: registered again after a reconnect (Redis may have lost the sets). */
  const watched = new Map<string, Set<string>>();
  let shared: Promise<void> | null = null;
  const inboxes = new Map<string, Promise<void>>();
  const malformed = (raw: string) =>
    // Someone else publishing on our channel must not take the bus down.
    options.onError?.(`ignored a malformed bus message: ${raw.slice(0, 80)}`);
  const toAll = (raw: string) => {
    const event = decodeEnvelope(raw);
    if (!event) return malformed(raw);
    for (const set of handlers.values()) for (const handler of set) handler(event);
  };
  const toInbox = (instanceId: string) => (raw: string) => {
    const event = decodeEnvelope(raw);
    if (!event) return malformed(raw);
    for (const handler of handlers.get(instanceId) ?? []) handler(event);
  };
  const watch = async (roomId: string, instanceId: string) => {
    const k = keys(roomId);
    const reply = arrayReply(
      await link.script(WATCH_ROOM, [k.peers, k.peersRev], [instanceId, inboxPrefix, roomId]),
    );
    return { rev: Number(reply[0]), peers: reply.slice(1).map(String) };
  };
  const resubscribed = () => {
    // Registered again first, then told: the resync that follows reads the record after.
    const again = [...watched].flatMap(([instanceId, rooms]) =>
      [...rooms].map((roomId) => watch(roomId, instanceId)),
    );
    void Promise.allSettled(again).then(() => {
      for (const reconnect of reconnects) reconnect();
    });
  };

  return {
    kind: 'redis',

    async getPlayback(roomId) {
      const raw = await link.command('GET', [keys(roomId).playback]);
      return typeof raw === 'string' ? (JSON.parse(raw) as PlaybackState) : null;
    },
    async initPlayback(roomId, state) {
      const raw = await link.script(
        INIT_PLAYBACK,
        [keys(roomId).playback],
        [JSON.stringify(state)],
      );
      return JSON.parse(String(raw)) as PlaybackState;
    },
    async cachePlayback(roomId, state) {
      await link.script(
        CACHE_PLAYBACK,
        [keys(roomId).playback],
        [JSON.stringify(state), String(state.seq)],
      );
    },

    async getSettings(roomId) {
      const raw = await link.command('GET', [keys(roomId).settings]);
      return typeof raw === 'string' ? (JSON.parse(raw) as RoomSettings) : null;
    },
    async setSettings(roomId, settings) {
      await link.command('SET', [keys(roomId).settings, JSON.stringify(settings)]);
    },

    async joinParticipant(roomId, participant, capacity) {
      const k = keys(roomId);
      const reply = arrayReply(
        await link.script(
          JOIN_PARTICIPANT,
          [k.participants, k.rev],
          [
            JSON.stringify(participant),
            participant.userId,
            participant.clientId,
            participant.connectionId,
            String(capacity.maxConnectionsPerMember),
            String(capacity.maxMembers),
          ],
        ),
      );
      if (Number(reply[0]) !== 1) {
        return { ok: false, code: reply[1] === 'room_full' ? 'room_full' : 'too_many_connections' };
      }
      const replaced = reply.slice(3).map(parseEntry);
      return {
        ok: true,
        rev: Number(reply[1]),
        firstOfUser: Number(reply[2]) === 1,
        replaces: replaced.map((p) => p.connectionId),
        replaced,
      };
    },
    async putParticipant(roomId, participant) {
      const k = keys(roomId);
      const rev = await link.script(
        PUT_PARTICIPANT,
        [k.participants, k.rev],
        [participant.connectionId, JSON.stringify(participant)],
      );
      return Number(rev);
    },
    async removeParticipant(roomId, connectionId) {
      const k = keys(roomId);
      const reply = arrayReply(
        await link.script(REMOVE_PARTICIPANT, [k.participants, k.rev], [connectionId]),
      );
      const removed = Number(reply[0]) === 1 ? parseEntry(reply[3]) : null;
      return { removed, lastOfUser: Number(reply[2]) === 1, rev: Number(reply[1]) };
    },
    async presence(roomId) {
      const k = keys(roomId);
      const reply = arrayReply(await link.script(PRESENCE, [k.participants, k.rev], []));
      return { rev: Number(reply[0]), entries: reply.slice(1).map(parseEntry).sort(byJoin) };
    },
    async listParticipants(roomId) {
      const all = (await link.command('HVALS', [keys(roomId).participants])) as string[];
      return all.map(parseEntry).sort(byJoin).map(wireParticipant);
    },

    async takeToken(key, limit, now) {
      // The bucket is full again after burst / rate seconds: no need to keep it longer.
      const ttl = Math.ceil((limit.burst / limit.perSecond) * 1000) + 1_000;
      const allowed = await link.script(
        TAKE_TOKEN,
        [`${prefix}bucket:{${key}}`],
        [String(limit.perSecond), String(limit.burst), String(now), String(ttl)],
      );
      return Number(allowed) === 1;
    },

    async deleteRoom(roomId) {
      // Not the peers: instances still serving the room leave it as their members are closed.
      const { peers: _peers, peersRev: _peersRev, ...state } = keys(roomId);
      await link.command('DEL', Object.values(state));
    },

    async publish(event) {
      const payload = encodeEnvelope(event);
      if (event.roomId.startsWith(EVERY_INSTANCE_PREFIX)) {
        return Number(await link.command('PUBLISH', [channel, payload]));
      }
      const skip = event.local ? event.origin : '';
      const peers = [keys(event.roomId).peers];
      return Number(await link.script(ROOM_PUBLISH, peers, [skip, inboxPrefix, payload]));
    },
    async subscribe(handler, opts) {
      // One subscriber connection per store: the shared channel and one inbox per instance id.
      shared ??= link.subscribe(channel, toAll, resubscribed);
      await shared;
      const { instanceId } = opts;
      let inbox = inboxes.get(instanceId);
      if (!inbox) {
        inbox = link.subscribe(`${inboxPrefix}${instanceId}`, toInbox(instanceId), resubscribed);
        inboxes.set(instanceId, inbox);
      }
      await inbox;
      const own = handlers.get(instanceId) ?? new Set();
      handlers.set(instanceId, own.add(handler));
      if (opts.onReconnect) reconnects.add(opts.onReconnect);
      return async () => {
        own.delete(handler);
        if (opts.onReconnect) reconnects.delete(opts.onReconnect);
      };
    },
    async watchRoom(roomId, instanceId) {
      const rooms = watched.get(instanceId) ?? new Set();
      watched.set(instanceId, rooms.add(roomId));
      return watch(roomId, instanceId);
    },
    async unwatchRoom(roomId, instanceId) {
      watched.get(instanceId)?.delete(roomId);
      const k = keys(roomId);
      await link.script(UNWATCH_ROOM, [k.peers, k.peersRev], [instanceId]);
    },

    async close() {
      handlers.clear();
      watched.clear();
      reconnects.clear();
      await link.close();
    },
  };
}
