/** Gathers what the popup shows, then renders it. */
import type { VNode } from 'preact';
import browser from 'webextension-polyfill';
import { BUILD, isDevBuild } from '../build-info';
import { sendToBackground } from '../messaging/send';
import { loadSettings, saveSettings } from '../settings/settings-store';
import { Popup } from './Popup';
import { disableSite, enableSite } from './site-actions';
import { tabSiteOf } from './tab-site';

/** The tab the popup was opened on; `activeTab` lets us read its address (and nothing more). */
async function activeTab(): Promise<browser.Tabs.Tab | undefined> {
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab;
}

export async function mountPopup(render: (app: VNode) => void): Promise<void> {
  const [settings, session, room, tab] = await Promise.all([
    loadSettings(),
    sendToBackground({ type: 'cinema-session' }).catch(() => null),
    sendToBackground({ type: 'current-room:get' }).catch(() => null),
    activeTab().catch(() => undefined),
  ]);
  const site = tabSiteOf(tab, settings);
  render(
    <Popup
      session={session}
      room={room}
      site={site}
      settings={settings}
      showServerSettings={isDevBuild}
      privacyUrl={BUILD.privacyUrl}
      onEnableSite={() =>
        site
          ? enableSite(site.origin, site.tabId)
          : Promise.resolve({ ok: false, reason: 'failed' })
      }
      onDisableSite={() =>
        site ? disableSite(site.origin) : Promise.resolve({ ok: false, error: 'no site' })
      }
      onSaveSettings={saveSettings}
    />,
  );
}
