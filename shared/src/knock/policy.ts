/**
 * Knock to join: a signed-in user who is not invited asks the owner to let them in. The
 * rules live here, once, as pure functions of the stored request and `now` (no clock reads):
 * the backend stores what they return, the extension shows what they say.
 *
 * A request is pending until the owner answers or it expires (`ttlMs`); a user may knock on
 * one room at most `maxAttempts` times per `attemptWindowMs` (knocking again while a request
 * is pending is the same request, not a new attempt); a room holds at most
 * `maxPendingPerRoom` pending requests, so nobody can bury the owner under cards.
 */

export const KNOCK_POLICY = {
  /** A request nobody answered expires after 10 minutes. */
  ttlMs: 10 * 60_000,
  /** Knocks (new requests) per user per room per window. */
  maxAttempts: 3,
  attemptWindowMs: 60 * 60_000,
  /** Pending requests a room holds at once. */
  maxPendingPerRoom: 10,
  /** Room members named as the knocker's friends on the owner's card. */
  maxFriendOf: 3,
} as const;

export type KnockPolicy = typeof KNOCK_POLICY;

export const KNOCK_STATUSES = ['pending', 'approved', 'declined', 'expired'] as const;
export type KnockStatus = (typeof KNOCK_STATUSES)[number];

/** One user's request to one room as the backend stores it (ms since epoch). */
export interface KnockRecord {
  /** 'pending' is stored; 'expired' is what a pending one past `expiresAt` reads as. */
  status: Exclude<KnockStatus, 'expired'>;
  createdAt: number;
  expiresAt: number;
  /** When each knock of the current window was made, oldest first (at most maxAttempts). */
  attempts: number[];
}

/** What the request is at `now`: a pending one past its expiry is expired. */
export function knockStatus(record: KnockRecord, now: number): KnockStatus {
  if (record.status === 'pending' && now >= record.expiresAt) return 'expired';
  return record.status;
}

export type KnockDecision =
  /** A pending request exists: knocking again changes nothing. */
  | { kind: 'pending'; record: KnockRecord }
  /** Store this new pending request. */
  | { kind: 'new'; record: KnockRecord }
  /** Too many knocks on this room lately: try again at `retryAt`. */
  | { kind: 'rate_limited'; retryAt: number };

/** Knocking on a room where the user's last request (if any) is `previous`. */
export function decideKnock(
  previous: KnockRecord | null,
  now: number,
  policy: KnockPolicy = KNOCK_POLICY,
): KnockDecision {
  if (previous && knockStatus(previous, now) === 'pending') {
    return { kind: 'pending', record: previous };
  }
  const recent = (previous?.attempts ?? []).filter((t) => now - t < policy.attemptWindowMs);
  if (recent.length >= policy.maxAttempts) {
    const oldest = recent[recent.length - policy.maxAttempts] as number;
    return { kind: 'rate_limited', retryAt: oldest + policy.attemptWindowMs };
  }
  return {
    kind: 'new',
    record: {
      status: 'pending',
      createdAt: now,
      expiresAt: now + policy.ttlMs,
      attempts: [...recent, now],
    },
  };
}

export type KnockAnswer =
  | { ok: true; record: KnockRecord }
  /** Nothing to answer: never asked, answered already, or expired. */
  | { ok: false; reason: 'gone' };

/** The owner approves or declines; only a pending, unexpired request can be answered. */
export function answerKnock(
  record: KnockRecord | null,
  approve: boolean,
  now: number,
): KnockAnswer {
  if (!record || knockStatus(record, now) !== 'pending') return { ok: false, reason: 'gone' };
  return { ok: true, record: { ...record, status: approve ? 'approved' : 'declined' } };
}

/** Pending requests the owner sees, oldest first, at most `maxPendingPerRoom`. */
export function pendingKnocks<T extends KnockRecord>(
  records: readonly T[],
  now: number,
  policy: KnockPolicy = KNOCK_POLICY,
): T[] {
  return records
    .filter((r) => knockStatus(r, now) === 'pending')
    .sort((a, b) => a.createdAt - b.createdAt)
    .slice(0, policy.maxPendingPerRoom);
}

/** Whether a room with `pendingCount` requests can take a new one. */
export function roomHasRoom(pendingCount: number, policy: KnockPolicy = KNOCK_POLICY): boolean {
  return pendingCount < policy.maxPendingPerRoom;
}

/** Milliseconds until `expiresAt` at `now`, never negative (for "expires in 7 min"). */
export function msLeft(expiresAt: number, now: number): number {
  return Math.max(0, expiresAt - now);
}
