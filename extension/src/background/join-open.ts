/**
 * An invite link for a page on a site the user has not enabled (a room for "any film page"):
 * the backend's join page hands the film page over to us (join.content), and the background
 * opens it in that tab. Where the extension already holds the site's host permission, it
 * runs the overlay in that page once, for the room the user chose to join (the page's
 * `#kino-room` hash makes the overlay take it: adapters/registry.ts); nothing is registered
 * for later visits — that stays the popup's "Enable on this site". Without the permission the
 * page opens with a badge on the toolbar button (invited-tab.ts), and the popup there offers
 * to enable the site, which then takes the room without a reload.
 */
import browser from 'webextension-polyfill';
import { hostPattern } from '../../build-config';
import { parseInviteHash } from '../invite/invite-hash';
import { cinemaOriginsOf, type Settings } from '../settings/settings';
import type { InvitedTabs } from './invited-tab';
import { injectOverlay } from './site-scripts';

/** How long a page may take to load before we give up running the overlay in it. */
const LOAD_LIMIT_MS = 60_000;

export async function openJoinTarget(
  settings: Settings,
  sender: browser.Runtime.MessageSender,
  url: string,
  invited: InvitedTabs,
): Promise<{ ok: boolean }> {
  const tabId = sender.tab?.id;
  const backendOrigin = new URL(settings.backendUrl).origin;
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return { ok: false };
  }
  const fromJoinPage = sender.url !== undefined && new URL(sender.url).origin === backendOrigin;
  if (tabId === undefined || !fromJoinPage || !/^https?:$/.test(target.protocol)) {
    return { ok: false };
  }
  const { origin } = target;
  const runsThere =
    cinemaOriginsOf(settings).includes(origin) || settings.enabledOrigins.includes(origin);
  if (!runsThere) {
    const room = parseInviteHash(target.hash);
    if (await browser.permissions.contains({ origins: [hostPattern(origin)] })) {
      injectWhenLoaded(tabId, origin);
    } else if (room) {
      await invited.remember({ tabId, origin, roomId: room.roomId });
    }
  }
  await browser.tabs.update(tabId, { url: target.href });
  return { ok: true };
}

function injectWhenLoaded(tabId: number, origin: string): void {
  const stop = () => {
    browser.tabs.onUpdated.removeListener(listener);
    clearTimeout(timer);
  };
  const listener = (
    id: number,
    change: browser.Tabs.OnUpdatedChangeInfoType,
    tab: browser.Tabs.Tab,
  ) => {
    if (id !== tabId || change.status !== 'complete' || !tab.url) return;
    stop();
    if (new URL(tab.url).origin === origin) void injectOverlay(tabId, origin).catch(() => {});
  };
  const timer = setTimeout(stop, LOAD_LIMIT_MS);
  browser.tabs.onUpdated.addListener(listener);
}
