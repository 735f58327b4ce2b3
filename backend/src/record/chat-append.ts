/**
 * Chat lines reach Postgres in batches: while CHAT_BATCHES_IN_FLIGHT statements are in flight,
 * the lines that arrive wait and then go together in the next (`kino_append_chat`, migration
 * 0007). Under a light load a line goes alone at once; under a heavy one a round trip, a
 * statement and a commit (a WAL flush) serve many lines, where one per line queued the lines
 * behind the pool and the disk (bench:load saturation).
 * Each line still succeeds or fails on its own: should one line's data fail a batch (a room
 * deleted meanwhile), its lines are tried again one by one; should the database (away, a
 * timeout), all of them fail at once and their senders resend.
 */
import { NO_BUFFERING } from '@kino/shared/room/buffering';
import type { ChatMessage, PlaybackState, RoomSettings } from '@kino/shared/types';
import { sql } from 'drizzle-orm';
import type { Db } from '../db/index.ts';
import { pgCode } from './errors.ts';

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

interface Pending {
  request: ChatAppendRequest;
  resolve(outcome: ChatAppendOutcome): void;
  reject(error: unknown): void;
}

/** The function's argument: one flat object per line (the room row's columns for a new room). */
export function chatLineOf(request: ChatAppendRequest, ord: number) {
  const { roomId, message, initial } = request;
  return {
    ord,
    roomId,
    id: message.id,
    kind: message.kind,
    userId: message.userId,
    name: message.name,
    text: message.text,
    at: message.at,
    position: message.position,
    playing: initial.playback.playing,
    playbackPosition: initial.playback.position,
    playbackAt: initial.playback.at,
    rate: initial.playback.rate,
    seq: initial.playback.seq,
    controlMode: initial.settings.controlMode,
    bufferPolicy: initial.settings.bufferPolicy,
    buffering: NO_BUFFERING,
  };
}

/**
 * Whether a line's own data failed the batch (classes 22, data exception, and 23, integrity
 * violation: e.g. a room deleted meanwhile), so the lines are worth trying one by one.
 */
function spoiledByALine(error: unknown): boolean {
  const code = pgCode(error);
  return code !== undefined && (code.startsWith('22') || code.startsWith('23'));
}

/**
 * The call as a prepared statement (on node-postgres: named, parsed and planned once per pooled
 * connection). Unnamed, every call was parsed and planned again: a batch of one line — the
 * common case under a light load — cost Postgres about 390 µs of CPU instead of 300
 * (backend/bench/append-chat.ts, --batch 1 with and without --named).
 */
function appendStatement(db: Db) {
  return db
    .select({
      ord: sql<number>`ord`.mapWith(Number),
      cursor: sql<string | number | null>`line_cursor`,
      stored: sql<boolean>`stored`,
    })
    .from(
      sql`kino_append_chat(${sql.placeholder('lines')}::jsonb, ${sql.placeholder('maxReactions')})`,
    )
    .prepare('kino_append_chat');
}

export function createChatAppender(db: Db, maxReactions: number) {
  const queue: Pending[] = [];
  let inFlight = 0;
  const statement = appendStatement(db);

  async function store(batch: ChatAppendRequest[]): Promise<ChatAppendOutcome[]> {
    const lines = JSON.stringify(batch.map(chatLineOf));
    const rows = await statement.execute({ lines, maxReactions });
    const outcomes: ChatAppendOutcome[] = batch.map(() => ({ stored: false, cursor: null }));
    for (const row of rows) {
      const cursor = row.cursor === null ? null : Number(row.cursor);
      outcomes[row.ord] = { stored: row.stored === true, cursor };
    }
    return outcomes;
  }

  async function run(batch: Pending[]): Promise<void> {
    try {
      const outcomes = await store(batch.map((p) => p.request));
      for (const [i, p] of batch.entries()) p.resolve(outcomes[i] as ChatAppendOutcome);
    } catch (error) {
      if (batch.length === 1 || !spoiledByALine(error)) {
        // Away, slow (a timeout) or anything else that is the database's, not a line's: every
        // line fails now (clients resend, by id), rather than each waiting its own retry.
        for (const p of batch) p.reject(error);
        return;
      }
      // One line spoiled the batch: each on its own, so only that one fails.
      for (const p of batch) await run([p]);
    }
  }

  function pump(): void {
    if (inFlight >= CHAT_BATCHES_IN_FLIGHT || queue.length === 0) return;
    inFlight++;
    const batch = queue.splice(0, CHAT_BATCH_MAX);
    void run(batch).finally(() => {
      inFlight--;
      pump();
    });
  }

  return {
    append(request: ChatAppendRequest): Promise<ChatAppendOutcome> {
      return new Promise((resolve, reject) => {
        queue.push({ request, resolve, reject });
        pump();
      });
    },
  };
}
