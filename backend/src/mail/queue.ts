/** The durable mail queue (table mail_queue). Plain functions over a db or transaction. */
import { and, asc, eq, inArray, lte } from 'drizzle-orm';
import type { Db } from '../db/index.ts';
import { type MailRow, mailQueue } from '../db/schema.ts';
import { CALENDAR_FILENAME, type OutgoingMail } from './transport.ts';

/** A db or a transaction: enqueue inside the caller's transaction so room and mail commit together. */
export type DbOrTx = Pick<Db, 'insert' | 'select' | 'update'>;

/** What a queued mail may say beyond the message: its kind, room, and when it is due. */
export interface QueuedMail extends OutgoingMail {
  kind?: string;
  roomId?: string;
  /** Not before this (ms): a reminder waits in the queue until its moment. Default: now. */
  dueAt?: number;
}

export async function enqueueMail(db: DbOrTx, mails: QueuedMail[], now: number): Promise<void> {
  if (mails.length === 0) return;
  const at = new Date(now);
  await db.insert(mailQueue).values(
    mails.map(({ dueAt, ...m }) => ({
      ...m,
      nextAttemptAt: dueAt === undefined ? at : new Date(dueAt),
      createdAt: at,
    })),
  );
}

/**
 * Takes the next due mail and leases it until `leaseUntil`, so other workers (other
 * instances) skip it. One mail per lease: a worker that dies mid-send holds back only
 * the mail it was sending, until its lease runs out, never the rest of the queue.
 */
export async function claimNextMail(
  db: Db,
  now: number,
  leaseUntil: number,
): Promise<MailRow | undefined> {
  const due = db
    .select({ id: mailQueue.id })
    .from(mailQueue)
    .where(and(eq(mailQueue.status, 'pending'), lte(mailQueue.nextAttemptAt, new Date(now))))
    .orderBy(asc(mailQueue.nextAttemptAt), asc(mailQueue.id))
    .limit(1)
    .for('update', { skipLocked: true });
  const [claimed] = await db
    .update(mailQueue)
    .set({ nextAttemptAt: new Date(leaseUntil) })
    .where(inArray(mailQueue.id, due))
    .returning();
  return claimed;
}

export async function markMailSent(
  db: Db,
  id: number,
  via: 'smtp' | 'outbox',
  now: number,
): Promise<void> {
  await db
    .update(mailQueue)
    .set({ status: 'sent', sentAt: new Date(now), deliveredVia: via, lastError: null })
    .where(eq(mailQueue.id, id));
}

/** `attempts` counts refusals by the mail server; an outage leaves it as it was. */
export async function markMailFailed(
  db: Db,
  id: number,
  attempts: number,
  error: string,
  retryAt: number,
): Promise<void> {
  await db
    .update(mailQueue)
    .set({ attempts, lastError: error.slice(0, 1000), nextAttemptAt: new Date(retryAt) })
    .where(eq(mailQueue.id, id));
}

export interface OutboxEntry {
  messageId: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  sentAt: string;
  /** The iCalendar file the mail carried, if any. */
  calendar: { method: string; filename: string; content: string } | null;
}

export async function listOutbox(db: Db): Promise<OutboxEntry[]> {
  const rows = await db
    .select()
    .from(mailQueue)
    .where(and(eq(mailQueue.status, 'sent'), eq(mailQueue.deliveredVia, 'outbox')))
    .orderBy(asc(mailQueue.sentAt), asc(mailQueue.id));
  return rows.map((r) => ({
    messageId: r.messageId,
    to: r.to,
    subject: r.subject,
    text: r.text,
    html: r.html,
    sentAt: (r.sentAt ?? r.createdAt).toISOString(),
    calendar: r.calendar
      ? { method: r.calendarMethod ?? 'REQUEST', filename: CALENDAR_FILENAME, content: r.calendar }
      : null,
  }));
}

export async function countPendingMail(db: Db): Promise<number> {
  return db.$count(mailQueue, eq(mailQueue.status, 'pending'));
}
