/**
 * Durable data: rooms, who was invited, the join/leave history, the mail queue, and the
 * record of each room's live state (playback anchor, settings, chat). Redis (the LiveStore)
 * caches the live state and holds what may be lost: who is connected, rate buckets, the bus.
 */
import type { BufferingState } from '@kino/shared/room/buffering';
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  serial,
  text,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { at, roomRef } from './columns.ts';

export const rooms = pgTable(
  'rooms',
  {
    id: text('id').primaryKey(),
    filmId: text('film_id').notNull(),
    filmTitle: text('film_title').notNull(),
    filmUrl: text('film_url').notNull(),
    ownerId: text('owner_id').notNull(),
    ownerName: text('owner_name').notNull(),
    allowLinkJoin: boolean('allow_link_join').notNull().default(false),
    createdAt: at('created_at').notNull(),
    /** Last join/leave (or creation): the idle clock for expiry starts here. */
    lastActivityAt: at('last_activity_at').notNull(),
    closedAt: at('closed_at'),
    /** 'closed-by-owner' | 'expired' */
    closeReason: text('close_reason'),
    /** A scheduled screening's start (null: started at creation). See backend/src/schedule. */
    startsAt: at('starts_at'),
    /** The calendar entry's SEQUENCE: +1 on every reschedule and on the cancel. */
    scheduleSequence: integer('schedule_sequence').notNull().default(0),
  },
  (table) => [
    index('rooms_open_idx').on(table.lastActivityAt).where(sql`${table.closedAt} is null`),
    // Quotas count an owner's recent rooms (rooms/quota.ts).
    index('rooms_owner_created_idx').on(table.ownerId, table.createdAt),
  ],
);

export const roomInvitees = pgTable(
  'room_invitees',
  {
    roomId: roomRef(),
    userId: text('user_id').notNull(),
    name: text('name').notNull(),
    email: text('email').notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.roomId, table.userId] }),
    // Quotas count the invites a person received recently (rooms/quota.ts).
    index('room_invitees_user_idx').on(table.userId),
  ],
);

export const roomPresence = pgTable(
  'room_presence',
  {
    id: serial('id').primaryKey(),
    roomId: roomRef(),
    userId: text('user_id').notNull(),
    connectionId: text('connection_id').notNull(),
    /** 'join' | 'leave' */
    event: text('event').notNull(),
    at: at('at').notNull(),
  },
  (table) => [index('room_presence_room_idx').on(table.roomId, table.at)],
);

/**
 * The mail queue and, for mails delivered to the dev outbox, the outbox itself
 * (so it survives a restart). A row is written in the same transaction as the
 * room it announces, and the worker moves it from 'pending' to 'sent'.
 */
export const mailQueue = pgTable(
  'mail_queue',
  {
    id: serial('id').primaryKey(),
    /**
     * The Message-ID header, fixed when the mail is queued and sent on every attempt, so a
     * re-send after a crash is recognisably the same message. Rows from before this column
     * get one from the default.
     */
    messageId: text('message_id')
      .notNull()
      .default(sql`'<' || gen_random_uuid() || '@kino-vmeste.invalid>'`),
    to: text('to').notNull(),
    subject: text('subject').notNull(),
    text: text('text').notNull(),
    html: text('html').notNull(),
    /** 'pending' | 'sent' */
    status: text('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: at('next_attempt_at').notNull(),
    lastError: text('last_error'),
    createdAt: at('created_at').notNull(),
    sentAt: at('sent_at'),
    /** 'smtp' | 'outbox': where it was delivered. */
    deliveredVia: text('delivered_via'),
    /** 'invite' | 'reminder' | 'schedule-update' | 'schedule-cancel' (backend/src/schedule). */
    kind: text('kind').notNull().default('invite'),
    /** The room a mail is about: a reschedule finds (and replaces) its pending reminders. */
    roomId: text('room_id'),
    /** An iCalendar file sent with the mail (mail/ics.ts), and its METHOD. */
    calendar: text('calendar'),
    calendarMethod: text('calendar_method'),
  },
  (table) => [
    index('mail_queue_due_idx').on(table.status, table.nextAttemptAt),
    index('mail_queue_room_kind_idx').on(table.roomId, table.kind),
  ],
);

/**
 * The record of a room's live state (backend/src/record): the playback anchor the room
 * resumes from, its settings, the buffering holds, and the chat cursor counter. One row per
 * room, written by every accepted command and every chat line (the counter).
 */
export const roomLive = pgTable('room_live', {
  roomId: text('room_id')
    .primaryKey()
    .references(() => rooms.id, { onDelete: 'cascade' }),
  playing: boolean('playing').notNull(),
  position: doublePrecision('position').notNull(),
  at: doublePrecision('at').notNull(),
  rate: doublePrecision('rate').notNull(),
  seq: bigint('seq', { mode: 'number' }).notNull(),
  /** 'everyone' | 'owner' */
  controlMode: text('control_mode').notNull(),
  /** 'wait' | 'continue' */
  bufferPolicy: text('buffer_policy').notNull(),
  buffering: jsonb('buffering').$type<BufferingState>().notNull(),
  /** Cursor of the newest chat line: the next one gets this + 1, so cursors never repeat. */
  chatCursor: bigint('chat_cursor', { mode: 'number' }).notNull(),
  /** Reactions stored so far: past MAX_ROOM_REACTIONS the next one is refused (record/). */
  reactionCount: integer('reaction_count').notNull().default(0),
});

/** Every chat line and reaction of a room, by cursor; a client id is stored once. */
export const roomChat = pgTable(
  'room_chat',
  {
    /**
     * A line belongs to the room's record, by a trigger rather than a foreign key (migration
     * 0009): every line is stored by the transaction that has just moved the record's counter
     * (kino_append_chat, the only writer), which holds the record's row until it commits, so the
     * record is there; a key re-checked that per line (6–7 µs of a line's 30–50 µs to
     * Postgres). What the key also gave, its cascade, the trigger gives: deleting a record
     * (rooms → room_live on delete cascade) deletes its room's chat.
     */
    roomId: text('room_id').notNull(),
    cursor: bigint('cursor', { mode: 'number' }).notNull(),
    /** The client's id of the line (idempotency key). */
    id: text('id').notNull(),
    /** 'text' | 'reaction' */
    kind: text('kind').notNull(),
    userId: text('user_id').notNull(),
    name: text('name').notNull(),
    text: text('text').notNull(),
    at: doublePrecision('at').notNull(),
    position: doublePrecision('position').notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.roomId, table.cursor] }),
    uniqueIndex('room_chat_client_id_idx').on(table.roomId, table.id),
    // The reaction timeline (backend/src/reactions) reads a room's reactions by film time.
    index('room_chat_reactions_idx')
      .on(table.roomId, table.position, table.cursor)
      .where(sql`${table.kind} = 'reaction'`),
  ],
);

export type RoomRow = typeof rooms.$inferSelect;
export type InviteeRow = typeof roomInvitees.$inferSelect;
export type MailRow = typeof mailQueue.$inferSelect;

export { type KnockRow, roomKnocks, roomRevocations } from './knock-schema.ts';
