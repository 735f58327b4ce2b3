/**
 * The background only answers requests: backend API calls (it holds the host
 * permission, so no CORS), the current room for the popup, and enabling sites.
 * It keeps no connection: MV3 may stop it at any moment (see README).
 */
import browser from 'webextension-polyfill';
import { parseSession } from '../adapters/types';
import { createBackendClient } from '../api/backend-client';
import {
  type AnyRequest,
  type CurrentRoom,
  EXTENSION_PAGE_ONLY,
  isRequest,
} from '../messaging/messages';
import { loadSettings } from '../settings/settings-store';
import { createInvitedTabs } from './invited-tab';
import { openJoinTarget } from './join-open';
import { siteOrigin } from './site-access';
import { createBackgroundSiteAccess } from './site-access-wiring';
import { registerSiteScripts } from './site-scripts';

const ROOM_KEY = 'currentRoom';

/** storage.session survives the worker's sleep but not the browser's restart. */
function sessionArea(): browser.Storage.StorageArea {
  return (
    (browser.storage as { session?: browser.Storage.StorageArea }).session ?? browser.storage.local
  );
}

const sites = createBackgroundSiteAccess(sessionArea);
// Firefox's MV2 build names the toolbar button browserAction.
const invitedTabs = createInvitedTabs(sessionArea, () => browser.action ?? browser.browserAction);

/** The popup and our other pages (no tab); content scripts run inside web pages. */
function fromExtensionPage(sender: browser.Runtime.MessageSender): boolean {
  return sender.id === browser.runtime.id && !sender.tab;
}

async function handle(
  request: AnyRequest,
  sender: browser.Runtime.MessageSender,
): Promise<unknown> {
  if (EXTENSION_PAGE_ONLY.includes(request.type) && !fromExtensionPage(sender)) {
    return { ok: false, reason: 'failed', error: 'only the popup may change site access' };
  }
  const settings = await loadSettings();
  const api = createBackendClient(settings.backendUrl);
  switch (request.type) {
    case 'matches':
      return api.matches(request.token, request.film);
    case 'create-room':
      return api.createRoom(request.token, request.body);
    case 'get-room':
      return api.getRoom(request.token, request.roomId);
    case 'close-room':
      return api.closeRoom(request.token, request.roomId);
    case 'reschedule-room':
      return api.reschedule(request.token, request.roomId, request.startsAt);
    case 'cancel-screening':
      return api.cancelScreening(request.token, request.roomId);
    case 'knock':
      return api.knock(request.token, request.roomId, request.ask === true);
    case 'reaction-histogram':
      return api.reactionHistogram(request.token, request.roomId, request.duration);
    case 'reaction-window':
      return api.reactionWindow(request.token, request.roomId, request.query);
    case 'cinema-session': {
      const response = await fetch(`${settings.cinemaOrigin}/api/session`, {
        credentials: 'include',
      }).catch(() => null);
      return response?.ok ? parseSession(await response.json().catch(() => null)) : null;
    }
    case 'current-room:set': {
      const room: CurrentRoom | null = request.room
        ? { ...request.room, tabId: sender.tab?.id }
        : null;
      await sessionArea().set({ [ROOM_KEY]: room });
      if (room && sender.tab?.id !== undefined) await invitedTabs.roomTaken(sender.tab.id);
      return true;
    }
    case 'join:open':
      return openJoinTarget(settings, sender, request.url, invitedTabs);
    case 'current-room:get':
      return ((await sessionArea().get(ROOM_KEY))[ROOM_KEY] as CurrentRoom | undefined) ?? null;
    case 'site:enable': {
      const origin = siteOrigin(request.origin);
      if (!origin || !Number.isInteger(request.tabId) || request.tabId < 0) {
        return { ok: false, reason: 'failed', error: 'not a web page' };
      }
      return sites.enable(origin, request.tabId);
    }
    case 'site:enable-cancel': {
      const origin = siteOrigin(request.origin);
      if (origin) await sites.cancel(origin);
      return true;
    }
    case 'site:disable': {
      const origin = siteOrigin(request.origin);
      return origin ? sites.disable(origin) : { ok: false, error: 'not a web page' };
    }
  }
}

export function setupBackground(): void {
  browser.runtime.onMessage.addListener(
    (message: unknown, sender: browser.Runtime.MessageSender) => {
      if (!isRequest(message)) return undefined;
      return handle(message, sender).catch((error: unknown) => ({
        ok: false,
        error: { code: 'internal', message: String(error), status: 0 },
      }));
    },
  );
  // The user's "Allow" in the browser's prompt, also after the popup closed or the worker slept.
  browser.permissions.onAdded.addListener((added) => {
    void sites.granted(added.origins ?? []);
  });
  // Invitees on a site we may not run on: the toolbar button's badge (invited-tab.ts).
  browser.tabs.onUpdated.addListener((tabId, change, tab) => {
    void invitedTabs.onUpdated(tabId, change, tab).catch(() => {});
  });
  browser.tabs.onRemoved.addListener((tabId) => void invitedTabs.onRemoved(tabId).catch(() => {}));
  // Registered scripts are dropped on update in some browsers: re-register at start.
  browser.runtime.onStartup?.addListener(() => void reRegister());
  browser.runtime.onInstalled.addListener(() => void reRegister());
}

async function reRegister(): Promise<void> {
  const settings = await loadSettings();
  await registerSiteScripts(settings.enabledOrigins);
}
