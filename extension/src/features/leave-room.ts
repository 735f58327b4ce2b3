import { withoutInviteHash } from '../invite/invite-hash';
import type { OverlayState } from './overlay-state';

/**
 * Leaves this tab's room: the session ends (its abort tells the server `leave`), and
 * the invite hash goes so a reload does not join again.
 */
export function leaveRoom(state: OverlayState): void {
  history.replaceState(history.state, '', withoutInviteHash(location.href));
  state.room.value = null;
}
