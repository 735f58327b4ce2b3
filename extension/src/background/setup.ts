/**
 * The background only answers requests: backend API calls (it holds the host
 * permission, so no CORS), the current room for the popup, and enabling sites.
 * It keeps no connection: MV3 may stop it at any moment (see README).
 */
import browser from 'webextension-polyfill';
import { parseSession } from '../adapters/types';
import { createBackendClient } from '../api/backend-client';
import { type AnyRequest, type CurrentRoom, isRequest } from '../messaging/messages';
import { loadSettings, saveSettings } from '../settings/settings-store';
import { registerSiteScripts } from './site-scripts';

const ROOM_KEY = 'currentRoom';

/** storage.session survives the worker's sleep but not the browser's restart. */
function sessionArea(): browser.Storage.StorageArea {
  return (
    (browser.storage as { session?: browser.Storage.StorageArea }).session ?? browser.storage.local
  );
}

async function handle(
  request: AnyRequest,
  sender: browser.Runtime.MessageSender,
): Promise<unknown> {
  const settings = await loadSettings();
  const api = createBackendClient(settings.backendUrl);
  switch (request.type) {
    case 'matches':
      return api.matches(request.token, request.filmId);
    case 'create-room':
      return api.createRoom(request.token, request.body);
    case 'get-room':
      return api.getRoom(request.token, request.roomId);
    case 'close-room':
      return api.closeRoom(request.token, request.roomId);
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
      return true;
    }
    case 'current-room:get':
      return ((await sessionArea().get(ROOM_KEY))[ROOM_KEY] as CurrentRoom | undefined) ?? null;
    case 'site:enable': {
      const origins = [...new Set([...settings.enabledOrigins, request.origin])];
      await saveSettings({ ...settings, enabledOrigins: origins });
      return registerSiteScripts(origins);
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
  // Registered scripts are dropped on update in some browsers: re-register at start.
  browser.runtime.onStartup?.addListener(() => void reRegister());
  browser.runtime.onInstalled.addListener(() => void reRegister());
}

async function reRegister(): Promise<void> {
  const settings = await loadSettings();
  await registerSiteScripts(settings.enabledOrigins);
}
