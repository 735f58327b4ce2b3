/**
 * Durable data: rooms, who was invited, the join/leave history and the mail queue.
 * Live state (playback, participants, chat) is in the LiveStore, not here.
 */
import { sql } from 'drizzle-orm';
import {
  boolean,
  index,
  integer,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';

const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

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
    roomId: text('room_id')
      .notNull()
      .references(() => rooms.id, { onDelete: 'cascade' }),
    userId: text('user_id').notNull(),
    name: text('name').notNull(),
    email: text('email').notNull(),
    /** Personal token carried by the e-mailed join link. */
    inviteToken: text('invite_token').notNull().unique(),
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
    roomId: text('room_id')
      .notNull()
      .references(() => rooms.id, { onDelete: 'cascade' }),
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
  },
  (table) => [index('mail_queue_due_idx').on(table.status, table.nextAttemptAt)],
);

export type RoomRow = typeof rooms.$inferSelect;
export type InviteeRow = typeof roomInvitees.$inferSelect;
export type MailRow = typeof mailQueue.$inferSelect;
