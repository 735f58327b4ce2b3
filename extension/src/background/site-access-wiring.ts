/** The real ports of site-access.ts: browser permissions, scripting and storage. */
import browser from 'webextension-polyfill';
import { hostPermissions } from '../../build-config';
import { BUILD } from '../build-info';
import { loadSettings, saveSettings } from '../settings/settings-store';
import { createSiteAccess, type PendingSite, type SiteAccess } from './site-access';
import { injectOverlay, registerSiteScripts } from './site-scripts';

const PENDING_KEY = 'pendingSites';

export function createBackgroundSiteAccess(
  sessionArea: () => browser.Storage.StorageArea,
): SiteAccess {
  return createSiteAccess({
    hasHost: (pattern) => browser.permissions.contains({ origins: [pattern] }),
    removeHost: async (pattern) => {
      await browser.permissions.remove({ origins: [pattern] });
    },
    requiredHosts: hostPermissions(BUILD),
    loadSettings,
    saveSettings,
    registerScripts: registerSiteScripts,
    injectOverlay,
    loadPending: async () => {
      const stored = (await sessionArea().get(PENDING_KEY))[PENDING_KEY];
      return Array.isArray(stored) ? (stored as PendingSite[]) : [];
    },
    savePending: (pending) => sessionArea().set({ [PENDING_KEY]: pending }),
    now: Date.now,
    after: (ms, run) => {
      const timer = setTimeout(run, ms);
      return () => clearTimeout(timer);
    },
  });
}
