/**
 * Feature: a film page opened from an invite (`#kino-room=…`) joins that room,
 * now and whenever the hash changes (SPA navigation, a second invite).
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { parseInviteHash } from '../invite/invite-hash';
import type { OverlayState } from './overlay-state';

export function setupInviteJoin(ctx: ContentScriptContext, state: OverlayState): void {
  const check = () => {
    const target = parseInviteHash(location.hash);
    if (!target || state.room.value?.roomId === target.roomId) return;
    state.sidebarCollapsed.value = false;
    state.room.value = { ...target, info: null, autoplay: false };
  };
  check();
  ctx.addEventListener(window, 'hashchange', check);
  ctx.addEventListener(window, 'wxt:locationchange', check);
}
