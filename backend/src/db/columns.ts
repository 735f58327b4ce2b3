/**
 * Column shapes the tables share (schema.ts, knock-schema.ts). Kept apart from schema.ts so a
 * table module can use them while schema.ts is still being evaluated (it re-exports them all).
 */
import { text, timestamp } from 'drizzle-orm/pg-core';
import { rooms } from './schema.ts';

/** A moment, with its time zone (the driver hands back a Date). */
export const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** The room a row belongs to: gone with the room (`rooms` is read only when drizzle asks). */
export const roomRef = () =>
  text('room_id')
    .notNull()
    .references(() => rooms.id, { onDelete: 'cascade' });
