/**
 * The content script's body: pick the site adapter, then start each feature.
 * Entry points stay a few lines; this is where features are listed.
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { pickAdapter } from '../adapters/registry';
import { sendToBackground } from '../messaging/send';
import { loadSettings } from '../settings/settings-store';
import { setupInviteJoin } from './invite-join';
import { markOverlayRunning, stopWhenSiteDisabled } from './overlay-presence';
import { createOverlayState } from './overlay-state';
import { setupRoomLayer } from './room-layer';
import { setupWatchButton } from './watch-button';

export async function runOverlay(ctx: ContentScriptContext): Promise<void> {
  const settings = await loadSettings();
  const adapter = pickAdapter(new URL(location.href), settings, () =>
    sendToBackground({ type: 'cinema-session' }),
  );
  if (!adapter) return;
  markOverlayRunning(ctx);
  stopWhenSiteDisabled(ctx, adapter, settings.enabledOrigins.includes(location.origin));
  const state = createOverlayState(adapter, settings);
  setupRoomLayer(ctx, state);
  setupInviteJoin(ctx, state);
  await setupWatchButton(ctx, state);
}
