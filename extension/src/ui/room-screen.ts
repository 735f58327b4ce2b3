/**
 * Which screen the room sidebar shows, as a pure function of the room view: the live
 * room, or one state with a next step (closed, not invited, signed out, server
 * unreachable…) instead of a dead sidebar with live-looking buttons.
 */
import type { MessageKey } from '../i18n';
import type { RoomView } from '../room/room-state';

export type ClosedHow = 'closed-by-owner' | 'expired' | 'already-closed';

export type RoomScreen =
  | { kind: 'connecting' }
  | { kind: 'live' }
  | { kind: 'unreachable' }
  | { kind: 'signed-out' }
  | { kind: 'forbidden' }
  | { kind: 'revoked' }
  | { kind: 'not-found' }
  | { kind: 'outdated' }
  | { kind: 'full' }
  | { kind: 'too-many-tabs' }
  | { kind: 'replaced' }
  | { kind: 'closed'; how: ClosedHow }
  | { kind: 'failed'; message: string };

export type RoomScreenKind = RoomScreen['kind'];

/** The server's close code for "replaced by a newer connection of this tab" (PROTOCOL.md). */
const REPLACED_CLOSE_CODE = 4010;

/** Without a welcome for this long, "connecting" becomes "the server can't be reached". */
export const UNREACHABLE_AFTER_MS = 6000;

export interface ScreenInput {
  view: RoomView;
  /** The connection gave up for good (a fatal error). */
  ended: boolean;
  /** Time since this room session started. */
  elapsedMs: number;
}

export function roomScreen({ view, ended, elapsedMs }: ScreenInput): RoomScreen {
  if (view.status === 'closed')
    return { kind: 'closed', how: view.closedReason ?? 'already-closed' };
  const code = view.lastError?.code;
  if (code === 'room_closed') return { kind: 'closed', how: 'already-closed' };
  if (code === 'forbidden') return { kind: 'forbidden' };
  if (code === 'revoked') return { kind: 'revoked' };
  if (code === 'not_found') return { kind: 'not-found' };
  if (code === 'unauthorized') return { kind: 'signed-out' };
  if (code === 'version_mismatch') return { kind: 'outdated' };
  if (code === 'room_full') return { kind: 'full' };
  if (code === 'too_many_connections') return { kind: 'too-many-tabs' };
  // Closed with 4010: this tab's client id connected again elsewhere (a duplicated tab).
  if (code === String(REPLACED_CLOSE_CODE)) return { kind: 'replaced' };
  if (ended) return { kind: 'failed', message: view.lastError?.message ?? '' };
  if (view.you) return { kind: 'live' };
  // Never welcomed yet: a short wait is normal, a long one (or no network) is not.
  if (view.status === 'offline' || elapsedMs >= UNREACHABLE_AFTER_MS)
    return { kind: 'unreachable' };
  return { kind: 'connecting' };
}

/** Screens where the room is over or never began: nothing in them may look live. */
export function isDeadEnd(kind: RoomScreenKind): boolean {
  return kind !== 'live' && kind !== 'connecting' && kind !== 'unreachable';
}

/** The headline of a screen other than the live room (the popup repeats it). */
export const SCREEN_TITLE: Record<Exclude<RoomScreenKind, 'live'>, MessageKey> = {
  connecting: 'connectingTitle',
  unreachable: 'unreachableTitle',
  'signed-out': 'signedOutTitle',
  forbidden: 'forbiddenTitle',
  revoked: 'revokedTitle',
  'not-found': 'notFoundTitle',
  outdated: 'outdatedTitle',
  full: 'roomFullTitle',
  'too-many-tabs': 'tooManyTabsTitle',
  replaced: 'replacedTitle',
  closed: 'roomClosed',
  failed: 'failedTitle',
};
