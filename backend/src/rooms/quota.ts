/**
 * Quotas on what one account can make the server do to other people's inboxes: rooms per
 * owner, invites per sender, invites per recipient (from everyone), each over a sliding
 * window. Counted in Postgres, so every instance sees the same numbers; a transaction holds
 * advisory locks on the owner and every recipient while it counts and inserts, so two
 * instances cannot both take the last place. Over a quota: 429 with `Retry-After`.
 */
import { and, desc, eq, gt, inArray, sql } from 'drizzle-orm';
import type { Quotas } from '../config.ts';
import type { Db } from '../db/index.ts';
import { roomInvitees, rooms } from '../db/schema.ts';
import { HttpError, retryAfterSeconds } from '../http/errors.ts';
import { quotaVerdict } from './quota-policy.ts';

type DbOrTx = Pick<Db, 'select' | 'execute'>;

export interface QuotaRequest {
  ownerId: string;
  /** How many invites this room sends. */
  inviteCount: number;
  /** Whose received-invites quota to check, with names for a readable refusal. */
  recipients: { id: string; name: string }[];
  now: number;
}

/** "7 min" / "45 s": how long until a retry, for messages. */
export function formatWait(ms: number): string {
  const seconds = retryAfterSeconds(ms);
  return seconds < 120 ? `${seconds} s` : `${Math.ceil(seconds / 60)} min`;
}

function refusal(
  code: string,
  message: string,
  limit: number,
  windowSeconds: number,
  retryAt: number,
  now: number,
  extra: Record<string, unknown> = {},
): HttpError {
  const wait = retryAt - now;
  const seconds = retryAfterSeconds(wait);
  return new HttpError(
    429,
    code,
    `${message}; try again in ${formatWait(wait)}`,
    {
      limit,
      windowSeconds,
      retryAfterSeconds: seconds,
      retryAt: new Date(now + seconds * 1000).toISOString(),
      ...extra,
    },
    seconds,
  );
}

const windowText = (seconds: number) =>
  seconds % 3600 === 0
    ? `${seconds / 3600} h`
    : seconds % 60 === 0
      ? `${seconds / 60} min`
      : `${seconds} s`;

/** More invitees in one room than the sender quota allows at all: no wait helps. */
export function checkInviteeCount(count: number, quotas: Quotas): void {
  if (count > quotas.invitesPerSender) {
    throw new HttpError(
      422,
      'too_many_invitees',
      `At most ${quotas.invitesPerSender} friends can be invited within ${windowText(quotas.invitesWindowSeconds)}`,
      { limit: quotas.invitesPerSender },
    );
  }
}

/** Serialises quota checks for the same people across instances until the transaction ends. */
export async function lockQuotaSubjects(tx: DbOrTx, request: QuotaRequest): Promise<void> {
  const keys = [
    `owner:${request.ownerId}`,
    ...request.recipients.map((r) => `recipient:${r.id}`),
  ].sort();
  for (const key of keys) {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${key}, 0))`);
  }
}

/** Throws a 429 HttpError when the request would go over a quota. */
export async function enforceQuotas(
  db: DbOrTx,
  quotas: Quotas,
  request: QuotaRequest,
): Promise<void> {
  const { ownerId, inviteCount, recipients, now } = request;
  const roomsSince = new Date(now - quotas.roomsWindowSeconds * 1000);
  const ownRooms = await db
    .select({ at: rooms.createdAt })
    .from(rooms)
    .where(and(eq(rooms.ownerId, ownerId), gt(rooms.createdAt, roomsSince)))
    .orderBy(desc(rooms.createdAt))
    .limit(quotas.roomsPerOwner);
  const roomVerdict = quotaVerdict(
    ownRooms.map((r) => r.at.getTime()),
    1,
    quotas.roomsPerOwner,
    quotas.roomsWindowSeconds * 1000,
  );
  if (!roomVerdict.ok) {
    throw refusal(
      'quota_rooms',
      `You have started ${quotas.roomsPerOwner} rooms within ${windowText(quotas.roomsWindowSeconds)}`,
      quotas.roomsPerOwner,
      quotas.roomsWindowSeconds,
      roomVerdict.retryAt,
      now,
    );
  }
  if (inviteCount === 0) return;

  const windowMs = quotas.invitesWindowSeconds * 1000;
  const invitesSince = new Date(now - windowMs);
  const sent = await db
    .select({ at: rooms.createdAt })
    .from(roomInvitees)
    .innerJoin(rooms, eq(rooms.id, roomInvitees.roomId))
    .where(and(eq(rooms.ownerId, ownerId), gt(rooms.createdAt, invitesSince)))
    .orderBy(desc(rooms.createdAt))
    .limit(quotas.invitesPerSender);
  const sentVerdict = quotaVerdict(
    sent.map((r) => r.at.getTime()),
    inviteCount,
    quotas.invitesPerSender,
    windowMs,
  );
  if (!sentVerdict.ok) {
    throw refusal(
      'quota_invites_sent',
      `You have sent ${sent.length} invitations within ${windowText(quotas.invitesWindowSeconds)} (at most ${quotas.invitesPerSender})`,
      quotas.invitesPerSender,
      quotas.invitesWindowSeconds,
      sentVerdict.retryAt,
      now,
    );
  }

  const received = await db
    .select({ userId: roomInvitees.userId, at: rooms.createdAt })
    .from(roomInvitees)
    .innerJoin(rooms, eq(rooms.id, roomInvitees.roomId))
    .where(
      and(
        inArray(
          roomInvitees.userId,
          recipients.map((r) => r.id),
        ),
        gt(rooms.createdAt, invitesSince),
      ),
    )
    .orderBy(desc(rooms.createdAt));
  const full: { id: string; name: string; retryAt: number }[] = [];
  for (const recipient of recipients) {
    const times = received.filter((r) => r.userId === recipient.id).map((r) => r.at.getTime());
    const verdict = quotaVerdict(times, 1, quotas.invitesPerRecipient, windowMs);
    if (!verdict.ok) full.push({ ...recipient, retryAt: verdict.retryAt });
  }
  if (full.length > 0) {
    const names = full.map((f) => f.name).join(', ');
    throw refusal(
      'quota_invites_received',
      `${names} got ${quotas.invitesPerRecipient} invitations within ${windowText(quotas.invitesWindowSeconds)} already`,
      quotas.invitesPerRecipient,
      quotas.invitesWindowSeconds,
      Math.max(...full.map((f) => f.retryAt)),
      now,
      { people: full.map(({ id, name }) => ({ id, name })) },
    );
  }
}
