/**
 * Knock to join (PROTOCOL.md, Knock to join): what the owner's sockets receive about pending
 * requests, what the owner answers, revoking a member, and the knocker's HTTP status reply.
 * Kept apart from the core messages; client-messages.ts and server-messages.ts list them.
 */
import { type Static, Type } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { KNOCK_POLICY, KNOCK_STATUSES } from '../knock/policy.ts';
import { ClientId, DisplayName, Id, Timestamp } from './primitives.ts';

const closed = { additionalProperties: false } as const;
const RequestId = Type.Optional(ClientId);

/** One pending request as the owner's card shows it. */
export const KnockRequestSchema = Type.Object(
  {
    userId: Id,
    name: DisplayName,
    /** Room members the cinema says the knocker is a friend of; empty when it does not know. */
    friendOf: Type.Array(DisplayName, { maxItems: KNOCK_POLICY.maxFriendOf }),
    at: Timestamp,
    expiresAt: Timestamp,
  },
  closed,
);
export type KnockRequest = Static<typeof KnockRequestSchema>;

/** Server → the owner's connections only: every pending request of the room, oldest first. */
export const KnocksMessage = Type.Object(
  {
    type: Type.Literal('knocks'),
    requests: Type.Array(KnockRequestSchema, { maxItems: KNOCK_POLICY.maxPendingPerRoom }),
  },
  closed,
);

/** Owner → server: let the knocker in (`approve: true`) or not. */
export const KnockAnswerMessage = Type.Object(
  { type: Type.Literal('knock-answer'), id: RequestId, userId: Id, approve: Type.Boolean() },
  closed,
);

/** Owner → server: take a member out of the room for good. */
export const RevokeMessage = Type.Object(
  { type: Type.Literal('revoke'), id: RequestId, userId: Id },
  closed,
);

/**
 * `POST/GET /api/rooms/:id/knock`: the knocker's request as it stands. `retryAt` comes with a
 * decline or expiry when knocking again is rate-limited until then.
 */
export const KnockStatusSchema = Type.Object(
  {
    status: Type.Union(KNOCK_STATUSES.map((s) => Type.Literal(s))),
    expiresAt: Timestamp,
    serverTime: Timestamp,
  },
  closed,
);
export type KnockStatusReply = Static<typeof KnockStatusSchema>;

/** Whether an HTTP reply is a knock status (interpreted: extension pages forbid codegen). */
export function isKnockStatusReply(value: unknown): value is KnockStatusReply {
  return Value.Check(KnockStatusSchema, value);
}
