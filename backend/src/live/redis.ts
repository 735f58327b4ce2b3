import type { ChatMessage, Participant, PlaybackState, RoomSettings } from '@kino/shared/types';
import { DEFAULT_RETRY, openRedisLink, type RetryPolicy, withRetry } from './redis-link.ts';
import { APPEND_CHAT, CAS_PLAYBACK, INIT_PLAYBACK, REMOVE_PARTICIPANT } from './redis-scripts.ts';
import type { CasResult, LiveStore, RoomEvent } from './types.ts';

export interface RedisLiveStoreOptions {
  url: string;
  /** Prepended to every key and channel, so tests (and deployments) can share one Redis. */
  prefix?: string;
  /** How often a command is retried when the connection fails under it. */
  retry?: RetryPolicy;
  onError?: (message: string) => void;
}

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

const ONCE: RetryPolicy = { attempts: 1, delayMs: () => 0 };

/**
 * Whether a refused write was in fact our own earlier attempt: the connection dropped after
 * Redis applied it but before the reply came back. Pure, so the rule is unit-tested.
 * - chat: the stored message carries the server time this very call stamped on it
 *   (a client's resend after a reconnect is stamped anew).
 * - playback: the stored state is exactly the one we wrote.
 */
export function isOwnEarlierChat(
  attempt: number,
  sent: Omit<ChatMessage, 'cursor'>,
  found: ChatMessage,
): boolean {
  return attempt > 1 && found.at === sent.at && found.userId === sent.userId;
}

export function isOwnEarlierCas(attempt: number, sentJson: string, foundJson: string): boolean {
  return attempt > 1 && sentJson === foundJson;
}

export async function createRedisLiveStore(options: RedisLiveStoreOptions): Promise<LiveStore> {
  const prefix = options.prefix ?? 'kino:';
  const retry = options.retry ?? DEFAULT_RETRY;
  const link = await openRedisLink(options.url, {
    retry,
    onError: options.onError,
    name: `${prefix}live`,
  });

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

  const handlers = new Set<(event: RoomEvent) => void>();
  let subscribed: Promise<void> | null = null;
  const dispatch = (raw: string) => {
    let event: RoomEvent;
    try {
      event = JSON.parse(raw) as RoomEvent;
    } catch {
      // Someone else publishing on our channel must not take the bus down.
      options.onError?.(`ignored a malformed bus message: ${raw.slice(0, 80)}`);
      return;
    }
    for (const handler of handlers) handler(event);
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
    async casPlayback(roomId, expectedSeq, next): Promise<CasResult> {
      const json = JSON.stringify(next);
      return withRetry(async (attempt) => {
        const reply = flagReply(
          await link.script(
            CAS_PLAYBACK,
            [keys(roomId).playback],
            [String(expectedSeq), json],
            ONCE,
          ),
        );
        if (reply.flag || (reply.text && isOwnEarlierCas(attempt, json, reply.text))) {
          return { ok: true, state: JSON.parse(reply.text) as PlaybackState };
        }
        return { ok: false, state: reply.text ? (JSON.parse(reply.text) as PlaybackState) : null };
      }, retry);
    },

    async getSettings(roomId) {
      const raw = await link.command('GET', [keys(roomId).settings]);
      return typeof raw === 'string' ? (JSON.parse(raw) as RoomSettings) : null;
    },
    async setSettings(roomId, settings) {
      await link.command('SET', [keys(roomId).settings, JSON.stringify(settings)]);
    },

    async putParticipant(roomId, participant) {
      await link.command('HSET', [
        keys(roomId).participants,
        participant.connectionId,
        JSON.stringify(participant),
      ]);
    },
    async removeParticipant(roomId, connectionId) {
      const raw = await link.script(
        REMOVE_PARTICIPANT,
        [keys(roomId).participants],
        [connectionId],
      );
      return typeof raw === 'string' ? (JSON.parse(raw) as Participant) : null;
    },
    async listParticipants(roomId) {
      const all = (await link.command('HVALS', [keys(roomId).participants])) as string[];
      return all
        .map((raw) => JSON.parse(raw) as Participant)
        .sort((a, b) => a.joinedAt - b.joinedAt || a.connectionId.localeCompare(b.connectionId));
    },

    async appendChat(roomId, message) {
      const k = keys(roomId);
      const args = [message.id, JSON.stringify(message)];
      return withRetry(async (attempt) => {
        const reply = flagReply(
          await link.script(APPEND_CHAT, [k.chatIds, k.chatSeq, k.chat], args, ONCE),
        );
        const stored = parseChatMember(reply.text);
        return {
          stored: reply.flag || isOwnEarlierChat(attempt, message, stored),
          message: stored,
        };
      }, retry);
    },
    async chatPage(roomId, { before, limit }) {
      if (limit <= 0) return { messages: [], hasMore: false };
      const max = before === undefined ? '+inf' : `(${before}`;
      const newestFirst = (await link.command('ZRANGE', [
        keys(roomId).chat,
        max,
        '-inf',
        'BYSCORE',
        'REV',
        'LIMIT',
        '0',
        String(limit + 1),
      ])) as string[];
      const hasMore = newestFirst.length > limit;
      const messages = newestFirst.slice(0, limit).reverse().map(parseChatMember);
      return { messages, hasMore };
    },

    async deleteRoom(roomId) {
      await link.command('DEL', Object.values(keys(roomId)));
    },

    async publish(event) {
      await link.command('PUBLISH', [channel, JSON.stringify(event)]);
    },
    async subscribe(handler) {
      // One subscription per store, on its own connection; handlers share it.
      subscribed ??= link.subscribe(channel, dispatch);
      await subscribed;
      handlers.add(handler);
      return async () => {
        handlers.delete(handler);
      };
    },

    async close() {
      handlers.clear();
      await link.close();
    },
  };
}
