/**
 * When a room connection gives up and what it shows when the server closes it: pure, so the
 * rules are read (and tested) in one place.
 */
import type { RoomView } from './room-state';

/**
 * Errors after which reconnecting cannot help: the user must act. (`fatal: true` alone only
 * says the server closes the socket: after `unavailable` or `internal` we come back.)
 */
const FATAL_CODES = new Set([
  'version_mismatch',
  'unauthorized',
  'forbidden',
  'revoked',
  'not_found',
  'room_closed',
  'room_full',
  'too_many_connections',
]);

/**
 * Close codes from the server after which we do not reconnect: version mismatch, denied, room
 * closed, abuse, room full, replaced by a newer connection of this tab. (1000 is what our own
 * reconnects close with; after a `leave` we have stopped already.)
 */
const FINAL_CLOSE_CODES = new Set([4002, 4003, 4004, 4008, 4009, 4010]);

export function isFatalError(code: string): boolean {
  return FATAL_CODES.has(code);
}

export interface CloseOutcome {
  view: RoomView;
  /** Stop for good (no reconnect). */
  stop: boolean;
}

/** What the view says after the server closed the socket, and whether to come back. */
export function afterServerClose(
  view: RoomView,
  event: { code: number; reason: string },
  context: { everConnected: boolean; online: boolean },
): CloseOutcome {
  if (FINAL_CLOSE_CODES.has(event.code)) {
    // The server told us not to come back (and usually why, in an error before).
    const lastError = view.lastError ?? { code: String(event.code), message: event.reason };
    return { view: { ...view, lastError }, stop: true };
  }
  const status = !context.online
    ? 'offline'
    : context.everConnected
      ? 'reconnecting'
      : 'connecting';
  return { view: { ...view, status }, stop: false };
}
