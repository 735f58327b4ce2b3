/**
 * Chat lines reach Postgres in batches (db/write-batches.ts): while CHAT_BATCHES_IN_FLIGHT calls
 * of `kino_append_chat` (migrations 0007 and 0009) are in flight, the lines that arrive wait and
 * then go together in the next. Under a light load a line waits up to CHAT_LINGER_MS for others;
 * under a heavy one a round trip, a statement and a commit (a WAL flush) serve many lines, where
 * one per line queued the lines behind the pool and the disk (bench:load saturation).
 * Each line still succeeds or fails on its own: should one line's data fail a batch (a room
 * deleted meanwhile), its lines are tried again one by one; should the database (away, a
 * timeout), all of them fail at once and their senders resend.
 */
import { NO_BUFFERING } from '@kino/shared/room/buffering';
import type { ChatMessage, PlaybackState, RoomSettings } from '@kino/shared/types';
import { sql } from 'drizzle-orm';
import type { Db } from '../db/index.ts';
import { writeBatches } from '../db/write-batches.ts';
import { pgCode, spoiledByARow } from './errors.ts';

export interface ChatAppendRequest {
  roomId: string;
  message: Omit<ChatMessage, 'cursor'>;
  /** The room's record, should it have none yet. */
  initial: { playback: PlaybackState; settings: RoomSettings };
}

/** Per line: stored with this cursor, already stored with this one, or refused (cursor null). */
export interface ChatAppendOutcome {
  stored: boolean;
  cursor: number | null;
}

/** Most lines in one statement; more wait for the next. */
export const CHAT_BATCH_MAX = 200;
/**
 * Statements in flight at once (of the pool's 10 connections). Batches lock rooms in one order,
 * so they never deadlock; a room's lines in two batches commit in either order, which is fine:
 * lines of one connection never overlap (the hub handles its frames one at a time).
 */
export const CHAT_BATCHES_IN_FLIGHT = 3;

/**
 * How long a line that finds no statement in flight waits for others to share its statement
 * (with one in flight, lines batch up behind it anyway).
 * At bench:load's realistic rate a line comes every ~3 ms per instance (~6 ms at half the
 * rate), so without it nearly every line was a statement and a round trip of its own. With
 * 4 ms, in alternating runs (scripts/bench/README.md, "A linger for chat lines"): Postgres CPU
 * per delivery 17-30 % lower, the server's level within the noise, saturation level, fan-out
 * p50 +2.5-4 ms and p99 within the goal; 8 ms saved Postgres no more.
 */
export const CHAT_LINGER_MS = 4;

/**
 * The function's arguments for a batch: the lines as columns (typed arrays, which Postgres reads
 * without a jsonb parse of 17 keys per line: ~8 % of a line's cost to it), sorted
 * by room, each room's in arrival order (the order batches lock rooms in: see
 * CHAT_BATCHES_IN_FLIGHT), and each room's initial record once, as jsonb text Postgres parses
 * only should a room have no record yet. `order[k]` is the batch index of column entry k.
 */
export function chatColumnsOf(batch: readonly ChatAppendRequest[]) {
  const order = batch.map((_, i) => i);
  const roomOf = (i: number) => (batch[i] as ChatAppendRequest).roomId;
  order.sort((a, b) => (roomOf(a) < roomOf(b) ? -1 : roomOf(a) > roomOf(b) ? 1 : a - b));
  const columns = {
    rooms: [] as string[],
    ids: [] as string[],
    kinds: [] as string[],
    userIds: [] as string[],
    names: [] as string[],
    texts: [] as string[],
    ats: [] as number[],
    positions: [] as number[],
  };
  const initials = new Map<string, unknown[]>();
  for (const i of order) {
    const { roomId, message, initial } = batch[i] as ChatAppendRequest;
    columns.rooms.push(roomId);
    columns.ids.push(message.id);
    columns.kinds.push(message.kind);
    columns.userIds.push(message.userId);
    columns.names.push(message.name);
    columns.texts.push(message.text);
    columns.ats.push(message.at);
    columns.positions.push(message.position);
    if (initials.has(roomId)) continue;
    const { playback, settings } = initial;
    initials.set(roomId, [
      playback.playing,
      playback.position,
      playback.at,
      playback.rate,
      playback.seq,
      settings.controlMode,
      settings.bufferPolicy,
      NO_BUFFERING,
    ]);
  }
  // fromEntries makes own keys of any id (a room "__proto__" too).
  return { order, columns: { ...columns, initials: JSON.stringify(Object.fromEntries(initials)) } };
}

/** A unique key violated: in a batch stored without dedupe, a client id stored already. */
const DUPLICATE = '23505';

/**
 * Batches stored with dedupe after one failed on a stored client id: resends come in bursts (a
 * reconnect sends every unacknowledged line again), and each batch that fails on one is work done
 * twice. With dedupe a line costs Postgres about a third more (backend/bench/append-chat.ts:
 * 39.5 µs against 29.5, still less than the 49.5 before migration 0009).
 */
const DEDUPE_AFTER_DUPLICATE = 20;

/**
 * The call as a prepared statement (on node-postgres: named, parsed and planned once per pooled
 * connection). Unnamed, every call was parsed and planned again: a batch of one line — the
 * common case under a light load — cost Postgres about 390 µs of CPU instead of 300
 * (backend/bench/append-chat.ts, --batch 1 with and without --named).
 */
function appendStatement(db: Db) {
  const p = (name: string, type: string) => sql`${sql.placeholder(name)}::${sql.raw(type)}`;
  return db
    .select({
      ord: sql<number>`ord`.mapWith(Number),
      cursor: sql<string | number | null>`line_cursor`,
      stored: sql<boolean>`stored`,
    })
    .from(
      sql`kino_append_chat(${p('rooms', 'text[]')}, ${p('ids', 'text[]')}, ${p('kinds', 'text[]')},
        ${p('userIds', 'text[]')}, ${p('names', 'text[]')}, ${p('texts', 'text[]')},
        ${p('ats', 'float8[]')}, ${p('positions', 'float8[]')}, ${p('initials', 'text')},
        ${p('maxReactions', 'integer')}, ${p('dedupe', 'boolean')})`,
    )
    .prepare('kino_append_chat');
}

export function createChatAppender(db: Db, maxReactions: number) {
  let dedupeBatches = 0;
  const statement = appendStatement(db);

  async function store(batch: ChatAppendRequest[], dedupe: boolean) {
    const { order, columns } = chatColumnsOf(batch);
    const rows = await statement.execute({ ...columns, maxReactions, dedupe });
    const outcomes: ChatAppendOutcome[] = batch.map(() => ({ stored: false, cursor: null }));
    for (const row of rows) {
      const cursor = row.cursor === null ? null : Number(row.cursor);
      outcomes[order[row.ord] as number] = { stored: row.stored === true, cursor };
    }
    return outcomes;
  }

  /**
   * Without dedupe a batch's lines go in with one INSERT, which a stored client id fails as a
   * whole; then the batch goes again with dedupe (each line ON CONFLICT DO NOTHING, as before),
   * and so do the next DEDUPE_AFTER_DUPLICATE batches and every line tried alone.
   */
  async function write(batch: ChatAppendRequest[], retry: boolean) {
    const dedupe = retry || dedupeBatches > 0;
    if (dedupeBatches > 0 && !retry) dedupeBatches--;
    try {
      return await store(batch, dedupe);
    } catch (error) {
      if (dedupe || pgCode(error) !== DUPLICATE) throw error;
      dedupeBatches = DEDUPE_AFTER_DUPLICATE;
      return store(batch, true);
    }
  }

  const batches = writeBatches<ChatAppendRequest, ChatAppendOutcome>({
    maxBatch: CHAT_BATCH_MAX,
    inFlight: CHAT_BATCHES_IN_FLIGHT,
    write,
    spoiledByAnItem: spoiledByARow,
    // A full batch goes at once: it would gain nothing by waiting.
    linger: { ms: CHAT_LINGER_MS, fullAt: CHAT_BATCH_MAX },
  });
  return {
    append: (request: ChatAppendRequest): Promise<ChatAppendOutcome> => batches.add(request),
  };
}
