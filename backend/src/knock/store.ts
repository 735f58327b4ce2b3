/**
 * Knock requests and revocations in Postgres. The decisions are @kino/shared/knock/policy's
 * (pure); this module reads a row, asks the policy, and writes what it says, one transaction
 * per request with the row locked, so two knocks of one user (or a knock and an answer) never
 * interleave. A database outage rejects with DependencyUnavailableError (db/faults.ts).
 */
import {
  answerKnock,
  decideKnock,
  KNOCK_POLICY,
  type KnockRecord,
  pendingKnocks,
} from '@kino/shared/knock/policy';
import type { KnockRequest } from '@kino/shared/protocol';
import { and, count, eq, gt } from 'drizzle-orm';
import { guardDb } from '../db/faults.ts';
import type { Db } from '../db/index.ts';
import { type KnockRow, roomInvitees, roomKnocks, roomRevocations } from '../db/schema.ts';

export function recordOf(row: KnockRow): KnockRecord {
  return {
    status: row.status === 'approved' || row.status === 'declined' ? row.status : 'pending',
    createdAt: row.createdAt.getTime(),
    expiresAt: row.expiresAt.getTime(),
    attempts: row.attempts,
  };
}

export async function readKnock(db: Db, roomId: string, userId: string): Promise<KnockRow | null> {
  const [row] = await guardDb(() =>
    db
      .select()
      .from(roomKnocks)
      .where(and(eq(roomKnocks.roomId, roomId), eq(roomKnocks.userId, userId))),
  );
  return row ?? null;
}

export interface Knocker {
  id: string;
  name: string;
  email: string;
  friendOf: string[];
}

export type KnockOutcome =
  | { kind: 'pending' | 'new'; row: KnockRow }
  | { kind: 'rate_limited'; retryAt: number }
  | { kind: 'queue_full' };

/** Knocks for `knocker` on `roomId` at `now`, as the policy decides. */
export async function storeKnock(
  db: Db,
  roomId: string,
  knocker: Knocker,
  now: number,
): Promise<KnockOutcome> {
  return guardDb(() =>
    db.transaction(async (tx): Promise<KnockOutcome> => {
      const [previous] = await tx
        .select()
        .from(roomKnocks)
        .where(and(eq(roomKnocks.roomId, roomId), eq(roomKnocks.userId, knocker.id)))
        .for('update');
      const decision = decideKnock(previous ? recordOf(previous) : null, now);
      if (decision.kind === 'pending') return { kind: 'pending', row: previous as KnockRow };
      if (decision.kind === 'rate_limited') return decision;
      const [pending] = await tx
        .select({ n: count() })
        .from(roomKnocks)
        .where(
          and(
            eq(roomKnocks.roomId, roomId),
            eq(roomKnocks.status, 'pending'),
            gt(roomKnocks.expiresAt, new Date(now)),
          ),
        );
      if ((pending?.n ?? 0) >= KNOCK_POLICY.maxPendingPerRoom) return { kind: 'queue_full' };
      const { record } = decision;
      const values = {
        roomId,
        userId: knocker.id,
        name: knocker.name,
        email: knocker.email,
        friendOf: knocker.friendOf.slice(0, KNOCK_POLICY.maxFriendOf),
        status: record.status,
        createdAt: new Date(record.createdAt),
        expiresAt: new Date(record.expiresAt),
        answeredAt: null,
        attempts: record.attempts,
      };
      const [row] = await tx
        .insert(roomKnocks)
        .values(values)
        .onConflictDoUpdate({ target: [roomKnocks.roomId, roomKnocks.userId], set: values })
        .returning();
      return { kind: 'new', row: row as KnockRow };
    }),
  );
}

/** The room's pending requests as the owner's `knocks` message lists them. */
export async function listPending(db: Db, roomId: string, now: number): Promise<KnockRequest[]> {
  const rows = await guardDb(() =>
    db
      .select()
      .from(roomKnocks)
      .where(and(eq(roomKnocks.roomId, roomId), eq(roomKnocks.status, 'pending'))),
  );
  const shown = pendingKnocks(
    rows.map((row) => ({ ...recordOf(row), row })),
    now,
  );
  return shown.map(({ row }) => ({
    userId: row.userId,
    name: row.name,
    friendOf: row.friendOf.slice(0, KNOCK_POLICY.maxFriendOf),
    at: row.createdAt.getTime(),
    expiresAt: row.expiresAt.getTime(),
  }));
}

/**
 * The owner's answer. Approval makes the knocker an invitee in the same transaction (with a
 * personal invite token like every invitee), so their next `hello` is let in.
 */
export async function storeAnswer(
  db: Db,
  roomId: string,
  userId: string,
  approve: boolean,
  now: number,
): Promise<'ok' | 'gone'> {
  return guardDb(() =>
    db.transaction(async (tx) => {
      const [row] = await tx
        .select()
        .from(roomKnocks)
        .where(and(eq(roomKnocks.roomId, roomId), eq(roomKnocks.userId, userId)))
        .for('update');
      const answer = answerKnock(row ? recordOf(row) : null, approve, now);
      if (!answer.ok || !row) return 'gone';
      await tx
        .update(roomKnocks)
        .set({ status: answer.record.status, answeredAt: new Date(now) })
        .where(and(eq(roomKnocks.roomId, roomId), eq(roomKnocks.userId, userId)));
      if (approve) {
        await tx
          .insert(roomInvitees)
          .values({
            roomId,
            userId,
            name: row.name,
            email: row.email,
          })
          .onConflictDoNothing();
      }
      return 'ok';
    }),
  );
}

/**
 * Takes `userId` out of the room for good: the revocation is the record (getRoomAccess checks
 * it at every door); their invitee row goes, and a pending knock of theirs is declined.
 */
export async function storeRevocation(
  db: Db,
  roomId: string,
  userId: string,
  by: string,
  now: number,
): Promise<void> {
  await guardDb(() =>
    db.transaction(async (tx) => {
      await tx
        .insert(roomRevocations)
        .values({ roomId, userId, revokedAt: new Date(now), revokedBy: by })
        .onConflictDoNothing();
      await tx
        .delete(roomInvitees)
        .where(and(eq(roomInvitees.roomId, roomId), eq(roomInvitees.userId, userId)));
      await tx
        .update(roomKnocks)
        .set({ status: 'declined', answeredAt: new Date(now) })
        .where(
          and(
            eq(roomKnocks.roomId, roomId),
            eq(roomKnocks.userId, userId),
            eq(roomKnocks.status, 'pending'),
          ),
        );
    }),
  );
}
