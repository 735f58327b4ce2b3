import type { ChatMessage, Participant, PlaybackState, RoomSettings } from '@kino/shared/types';
import { createClient } from 'redis';
import type { CasResult, LiveStore, RoomEvent } from './types.ts';

type RedisClient = ReturnType<typeof createClient>;

export interface RedisLiveStoreOptions {
  url: string;
  /** Prepended to every key and channel, so tests (and deployments) can share one Redis. */
  prefix?: string;
}

// Lua runs atomically inside Redis, which makes these operations atomic across
// backend instances without WATCH/MULTI retry loops.
const INIT_PLAYBACK = `
local current = redis.call('GET', KEYS[1])
if current then return current end
redis.call('SET', KEYS[1], ARGV[1])
return ARGV[1]`;

const CAS_PLAYBACK = `
local current = redis.call('GET', KEYS[1])
if not current then return {0, ''} end
if cjson.decode(current).seq ~= tonumber(ARGV[1]) then return {0, current} end
redis.call('SET', KEYS[1], ARGV[2])
return {1, ARGV[2]}`;

// Chat members are "<cursor>|<json without cursor>": the cursor is assigned here,
// and re-encoding the JSON in Lua (cjson) would lose float precision.
const APPEND_CHAT = `
local earlier = redis.call('HGET', KEYS[1], ARGV[1])
if earlier then
  local found = redis.call('ZRANGE', KEYS[3], earlier, earlier, 'BYSCORE')
  return {0, found[1]}
end
local cursor = redis.call('INCR', KEYS[2])
local member = cursor .. '|' .. ARGV[2]
redis.call('ZADD', KEYS[3], cursor, member)
redis.call('HSET', KEYS[1], ARGV[1], cursor)
return {1, member}`;

function parseChatMember(member: string): ChatMessage {
  const bar = member.indexOf('|');
  const rest = JSON.parse(member.slice(bar + 1)) as Omit<ChatMessage, 'cursor'>;
  return { ...rest, cursor: Number(member.slice(0, bar)) };
}

/** A Lua reply of the shape `{flag, text}`, checked rather than cast blindly. */
function flagReply(reply: unknown): { flag: boolean; text: string } {
  if (!Array.isArray(reply) || reply.length !== 2) {
    throw new Error(`unexpected Redis script reply: ${JSON.stringify(reply)}`);
  }
  return { flag: Number(reply[0]) === 1, text: String(reply[1]) };
}

export async function createRedisLiveStore(options: RedisLiveStoreOptions): Promise<LiveStore> {
  const prefix = options.prefix ?? 'kino:';
  let connected = false;
  const client: RedisClient = createClient({
    url: options.url,
    socket: {
      // Fail fast at start (a wrong REDIS_URL should stop the boot with a clear error);
      // once connected, keep reconnecting through Redis restarts.
      reconnectStrategy: (retries: number, cause: Error) =>
        connected
          ? Math.min(50 * 2 ** retries, 3000)
          : new Error(`Redis at ${options.url} is unreachable: ${cause.message}`),
    },
  });
  client.on('error', (error: unknown) => {
    if (connected) console.error('[live/redis]', error);
  });
  await client.connect();
  connected = true;

  const channel = `${prefix}events`;
  const keys = (roomId: string) => {
    const base = `${prefix}room:{${roomId}}`;
    return {
      playback: `${base}:playback`,
      settings: `${base}:settings`,
      participants: `${base}:participants`,
      chatIds: `${base}:chat-ids`,
      chatSeq: `${base}:chat-seq`,
      chat: `${base}:chat`,
    };
  };

  let subscriber: RedisClient | null = null;
  const handlers = new Set<(event: RoomEvent) => void>();
  const dispatch = (raw: string) => {
    const event = JSON.parse(raw) as RoomEvent;
    for (const handler of handlers) handler(event);
  };

  return {
    kind: 'redis',

    async getPlayback(roomId) {
      const raw = await client.get(keys(roomId).playback);
      return raw ? (JSON.parse(raw) as PlaybackState) : null;
    },
    async initPlayback(roomId, state) {
      const raw = await client.eval(INIT_PLAYBACK, {
        keys: [keys(roomId).playback],
        arguments: [JSON.stringify(state)],
      });
      return JSON.parse(String(raw)) as PlaybackState;
    },
    async casPlayback(roomId, expectedSeq, next): Promise<CasResult> {
      const reply = flagReply(
        await client.eval(CAS_PLAYBACK, {
          keys: [keys(roomId).playback],
          arguments: [String(expectedSeq), JSON.stringify(next)],
        }),
      );
      if (reply.flag) return { ok: true, state: JSON.parse(reply.text) as PlaybackState };
      return { ok: false, state: reply.text ? (JSON.parse(reply.text) as PlaybackState) : null };
    },

    async getSettings(roomId) {
      const raw = await client.get(keys(roomId).settings);
      return raw ? (JSON.parse(raw) as RoomSettings) : null;
    },
    async setSettings(roomId, settings) {
      await client.set(keys(roomId).settings, JSON.stringify(settings));
    },

    async putParticipant(roomId, participant) {
      await client.hSet(
        keys(roomId).participants,
        participant.connectionId,
        JSON.stringify(participant),
      );
    },
    async removeParticipant(roomId, connectionId) {
      const key = keys(roomId).participants;
      // MULTI makes read-and-delete one step, so two instances can't both "remove" it.
      const [raw] = await client.multi().hGet(key, connectionId).hDel(key, connectionId).exec();
      return typeof raw === 'string' ? (JSON.parse(raw) as Participant) : null;
    },
    async listParticipants(roomId) {
      const all = await client.hVals(keys(roomId).participants);
      return all
        .map((raw) => JSON.parse(raw) as Participant)
        .sort((a, b) => a.joinedAt - b.joinedAt || a.connectionId.localeCompare(b.connectionId));
    },

    async appendChat(roomId, message) {
      const k = keys(roomId);
      const reply = flagReply(
        await client.eval(APPEND_CHAT, {
          keys: [k.chatIds, k.chatSeq, k.chat],
          arguments: [message.id, JSON.stringify(message)],
        }),
      );
      return { stored: reply.flag, message: parseChatMember(reply.text) };
    },
    async chatPage(roomId, { before, limit }) {
      if (limit <= 0) return { messages: [], hasMore: false };
      const max = before === undefined ? '+inf' : `(${before}`;
      const newestFirst = await client.zRange(keys(roomId).chat, max, '-inf', {
        BY: 'SCORE',
        REV: true,
        LIMIT: { offset: 0, count: limit + 1 },
      });
      const hasMore = newestFirst.length > limit;
      const messages = newestFirst.slice(0, limit).reverse().map(parseChatMember);
      return { messages, hasMore };
    },

    async deleteRoom(roomId) {
      await client.del(Object.values(keys(roomId)));
    },

    async publish(event) {
      await client.publish(channel, JSON.stringify(event));
    },
    async subscribe(handler) {
      if (!subscriber) {
        // A connection in subscriber mode can't run other commands: use a duplicate.
        subscriber = client.duplicate();
        subscriber.on('error', (error: unknown) => console.error('[live/redis sub]', error));
        await subscriber.connect();
        await subscriber.subscribe(channel, dispatch);
      }
      handlers.add(handler);
      return async () => {
        handlers.delete(handler);
      };
    },

    async close() {
      handlers.clear();
      if (subscriber) await subscriber.close();
      subscriber = null;
      await client.close();
    },
  };
}
