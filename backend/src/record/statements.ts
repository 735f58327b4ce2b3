/**
 * The record's statements of every playback command and join, prepared (drizzle's prepare: on
 * node-postgres named, parsed and planned once per pooled connection) — each unnamed call was
 * parsed and planned anew, which cost Postgres about as much CPU as running it.
 */

import type { BufferingState } from '@kino/shared/room/buffering';
import type { PlaybackState } from '@kino/shared/types';
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/index.ts';
import { roomLive } from '../db/schema.ts';

const p = sql.placeholder;

export function recordStatements(db: Db) {
  const live = db
    .select()
    .from(roomLive)
    .where(eq(roomLive.roomId, p('roomId')))
    .prepare('kino_room_live');
  // One statement with the buffering state or without it (null keeps the stored one).
  const cas = db
    .update(roomLive)
    .set({
      playing: sql`${p('playing')}`,
      position: sql`${p('position')}`,
      at: sql`${p('at')}`,
      rate: sql`${p('rate')}`,
      seq: sql`${p('seq')}`,
      buffering: sql`coalesce(${p('buffering')}::jsonb, ${roomLive.buffering})`,
    })
    .where(and(eq(roomLive.roomId, p('roomId')), eq(roomLive.seq, p('expectedSeq'))))
    .returning()
    .prepare('kino_room_live_cas');
  return {
    async live(roomId: string) {
      const [row] = await live.execute({ roomId });
      return row ?? null;
    },
    /** The room's row after the playback moved, or null when its seq was not `expectedSeq`. */
    async casPlayback(
      roomId: string,
      expectedSeq: number,
      next: PlaybackState,
      buffering: BufferingState | undefined,
    ) {
      const [row] = await cas.execute({
        roomId,
        expectedSeq,
        playing: next.playing,
        position: next.position,
        at: next.at,
        rate: next.rate,
        seq: next.seq,
        buffering: buffering === undefined ? null : JSON.stringify(buffering),
      });
      return row ?? null;
    },
  };
}
