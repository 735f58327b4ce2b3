/**
 * Knock to join (backend/src/knock): requests to be let into a room, and members the owner
 * took out for good. Kept apart from schema.ts (which re-exports these) so the feature's
 * tables read as one unit.
 */
import { index, jsonb, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { at, roomRef } from './columns.ts';

/**
 * One row per (room, user): their latest request, and the times of their recent knocks (the
 * rate limit of @kino/shared/knock/policy). A pending row past `expires_at` reads as expired.
 */
export const roomKnocks = pgTable(
  'room_knocks',
  {
    roomId: roomRef(),
    userId: text('user_id').notNull(),
    name: text('name').notNull(),
    /** From the cinema, for the invitee row an approval writes ('' when it was unreachable). */
    email: text('email').notNull(),
    /** Names of room members the cinema lists as the knocker's friends. */
    friendOf: jsonb('friend_of').$type<string[]>().notNull(),
    /** 'pending' | 'approved' | 'declined' */
    status: text('status').notNull(),
    createdAt: at('created_at').notNull(),
    expiresAt: at('expires_at').notNull(),
    answeredAt: at('answered_at'),
    /** ms since epoch of each knock in the current window, oldest first. */
    attempts: jsonb('attempts').$type<number[]>().notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.roomId, table.userId] }),
    index('room_knocks_room_status_idx').on(table.roomId, table.status),
  ],
);

/** Members the owner revoked: refused at every door of the room from then on. */
export const roomRevocations = pgTable(
  'room_revocations',
  {
    roomId: roomRef(),
    userId: text('user_id').notNull(),
    revokedAt: at('revoked_at').notNull(),
    revokedBy: text('revoked_by').notNull(),
  },
  (table) => [primaryKey({ columns: [table.roomId, table.userId] })],
);

export type KnockRow = typeof roomKnocks.$inferSelect;
