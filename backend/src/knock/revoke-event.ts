/**
 * Instances tell each other on the bus that a member was revoked; each closes that member's
 * connections it holds: `error revoked` (fatal), then close 4003.
 */
import { encode } from '@kino/shared/protocol';
import type { BusMessage } from '../live/types.ts';
import type { Connection } from '../realtime/connection.ts';

export type RevokeEvent = Extract<BusMessage, { type: '*revoked' }>;

const REVOKED_TEXT = encode({
  type: 'error',
  code: 'revoked',
  message: 'The owner removed you from this room',
  fatal: true,
});

/** The connections of `members` that belong to the revoked user, told why before closing. */
export function revokedConnections(members: Iterable<Connection>, userId: string): Connection[] {
  const hit = [...members].filter((c) => c.joined?.participant.userId === userId);
  for (const connection of hit) {
    if (connection.phase !== 'closed') connection.socket.send(REVOKED_TEXT);
  }
  return hit;
}
