/** Gathers what the popup shows, then renders it. */
import type { VNode } from 'preact';
import browser from 'webextension-polyfill';
import { sendToBackground } from '../messaging/send';
import { loadSettings, saveSettings } from '../settings/settings-store';
import { Popup } from './Popup';

async function activeOrigin(): Promise<string | null> {
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  if (!tab?.url) return null;
  const url = new URL(tab.url);
  return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : null;
}

export async function mountPopup(render: (app: VNode) => void): Promise<void> {
  const [settings, session, room, origin] = await Promise.all([
    loadSettings(),
    sendToBackground({ type: 'cinema-session' }).catch(() => null),
    sendToBackground({ type: 'current-room:get' }).catch(() => null),
    activeOrigin().catch(() => null),
  ]);
  const siteEnabled =
    origin !== null &&
    (origin === new URL(settings.cinemaOrigin).origin || settings.enabledOrigins.includes(origin));
  render(
    <Popup
      session={session}
      room={room}
      siteOrigin={origin}
      siteEnabled={siteEnabled}
      settings={settings}
      onEnableSite={async () => {
        if (!origin) return false;
        // Must run straight from the click: browsers only grant permissions on a user gesture.
        const granted = await browser.permissions.request({ origins: [`${origin}/*`] });
        if (!granted) return false;
        const result = await sendToBackground({ type: 'site:enable', origin });
        return result.ok;
      }}
      onSaveSettings={saveSettings}
    />,
  );
}
