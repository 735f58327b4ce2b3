import { describe, expect, test } from 'bun:test';
import type { OverlayInjection } from '../messaging/messages';
import { DEFAULT_SETTINGS, type Settings } from '../settings/settings';
import {
  createSiteAccess,
  type PendingSite,
  SITE_ACCESS_TIMING,
  type SiteAccessPorts,
  siteOrigin,
} from './site-access';

/** The browser as the background sees it: permissions, scripts, storage, a clock. */
function fakeBrowser(granted: string[] = []) {
  const state = {
    hosts: new Set(granted),
    settings: { ...DEFAULT_SETTINGS } as Settings,
    registered: [] as string[],
    injected: [] as { tabId: number; origin: string }[],
    pending: [] as PendingSite[],
    running: new Set<number>(),
    tabOrigin: new Map<number, string>(),
    now: 1_000,
    timers: [] as { at: number; run: () => void; cancelled: boolean }[],
  };
  const ports: SiteAccessPorts = {
    hasHost: async (pattern) => state.hosts.has(pattern),
    removeHost: async (pattern) => {
      state.hosts.delete(pattern);
    },
    requiredHosts: ['http://localhost/*'],
    loadSettings: async () => state.settings,
    saveSettings: async (s) => {
      state.settings = s;
    },
    registerScripts: async (origins) => {
      state.registered = origins;
      return { ok: true };
    },
    injectOverlay: async (tabId, origin): Promise<OverlayInjection> => {
      if ((state.tabOrigin.get(tabId) ?? origin) !== origin) return 'elsewhere';
      if (state.running.has(tabId)) return 'running';
      await Bun.sleep(1); // the script takes a moment: a second injection would overlap
      state.injected.push({ tabId, origin });
      state.running.add(tabId);
      return 'injected';
    },
    loadPending: async () => [...state.pending],
    savePending: async (p) => {
      state.pending = [...p];
    },
    now: () => state.now,
    after: (ms, run) => {
      const timer = { at: state.now + ms, run, cancelled: false };
      state.timers.push(timer);
      return () => {
        timer.cancelled = true;
      };
    },
  };
  const advance = (ms: number) => {
    state.now += ms;
    for (const timer of state.timers) {
      if (!timer.cancelled && timer.at <= state.now) {
        timer.cancelled = true;
        timer.run();
      }
    }
  };
  return { state, ports, advance };
}

const SITE = 'http://127.0.0.1:4173';
const PATTERN = 'http://127.0.0.1/*';

describe('enabling a site', () => {
  test('already allowed: enabled, registered for next visits, injected into the tab once', async () => {
    const { state, ports } = fakeBrowser([PATTERN]);
    const sites = createSiteAccess(ports);
    expect(await sites.enable(SITE, 7)).toEqual({ ok: true, overlay: 'injected' });
    expect(state.settings.enabledOrigins).toEqual([SITE]);
    expect(state.registered).toEqual([SITE]);
    expect(state.injected).toEqual([{ tabId: 7, origin: SITE }]);
    expect(state.pending).toEqual([]);
    // The browser's own event for the same grant changes nothing.
    await sites.granted([PATTERN]);
    expect(state.injected).toHaveLength(1);
  });

  test('waits for the user’s "Allow" (permissions.onAdded), even with the popup gone', async () => {
    const { state, ports } = fakeBrowser();
    const sites = createSiteAccess(ports);
    const outcome = sites.enable(SITE, 7);
    await Bun.sleep(5);
    expect(state.injected).toEqual([]);
    expect(state.pending.map((p) => p.origin)).toEqual([SITE]);
    // Another host's grant is not ours.
    await sites.granted(['https://other.example/*']);
    expect(state.injected).toEqual([]);
    state.hosts.add(PATTERN);
    await sites.granted([PATTERN]);
    expect(await outcome).toEqual({ ok: true, overlay: 'injected' });
    expect(state.injected).toEqual([{ tabId: 7, origin: SITE }]);
  });

  test('a worker that slept finishes from storage alone', async () => {
    const browser = fakeBrowser();
    void createSiteAccess(browser.ports).enable(SITE, 9);
    await Bun.sleep(5);
    // A fresh background (memory gone), the same storage: the grant arrives.
    const woken = createSiteAccess(browser.ports);
    browser.state.hosts.add(PATTERN);
    await woken.granted([PATTERN]);
    expect(browser.state.injected).toEqual([{ tabId: 9, origin: SITE }]);
  });

  test('the popup’s check and the browser’s event at once inject one overlay', async () => {
    const { state, ports } = fakeBrowser();
    const sites = createSiteAccess(ports);
    const outcome = sites.enable(SITE, 7);
    state.hosts.add(PATTERN);
    await Promise.all([sites.granted([PATTERN]), sites.granted([PATTERN]), outcome]);
    expect(state.injected).toHaveLength(1);
  });

  test('refused, or no answer in time: nothing enabled, nothing left waiting', async () => {
    const refused = fakeBrowser();
    const sites = createSiteAccess(refused.ports);
    const outcome = sites.enable(SITE, 7);
    await Bun.sleep(1);
    await sites.cancel(SITE);
    expect(await outcome).toEqual({ ok: false, reason: 'denied' });
    expect(refused.state.pending).toEqual([]);
    expect(refused.state.settings.enabledOrigins).toEqual([]);

    const silent = fakeBrowser();
    const slow = createSiteAccess(silent.ports);
    const waiting = slow.enable(SITE, 7);
    await Bun.sleep(1);
    silent.advance(SITE_ACCESS_TIMING.answerMs);
    expect(await waiting).toEqual({ ok: false, reason: 'timeout' });
    expect(silent.state.pending).toEqual([]);
    // A grant much later enables nothing.
    silent.state.hosts.add(PATTERN);
    await slow.granted([PATTERN]);
    expect(silent.state.injected).toEqual([]);
  });

  test('the tab moved on, or already runs the overlay: enabled, not injected twice', async () => {
    const { state, ports } = fakeBrowser([PATTERN]);
    state.tabOrigin.set(7, 'https://elsewhere.example');
    state.running.add(8);
    const sites = createSiteAccess(ports);
    expect(await sites.enable(SITE, 7)).toEqual({ ok: true, overlay: 'elsewhere' });
    expect(await sites.enable(SITE, 8)).toEqual({ ok: true, overlay: 'running' });
    expect(state.injected).toEqual([]);
    expect(state.settings.enabledOrigins).toEqual([SITE]);
  });
});

describe('disabling a site', () => {
  test('off for next visits, access given back', async () => {
    const { state, ports } = fakeBrowser([PATTERN]);
    const sites = createSiteAccess(ports);
    await sites.enable(SITE, 7);
    expect(await sites.disable(SITE)).toEqual({ ok: true });
    expect(state.settings.enabledOrigins).toEqual([]);
    expect(state.registered).toEqual([]);
    expect(state.hosts.has(PATTERN)).toBe(false);
  });

  test('access kept while another port of the host is on, and for the build’s own hosts', async () => {
    const { state, ports } = fakeBrowser([PATTERN, 'http://localhost/*']);
    const sites = createSiteAccess(ports);
    await sites.enable(SITE, 7);
    await sites.enable('http://127.0.0.1:5000', 8);
    await sites.disable(SITE);
    expect(state.settings.enabledOrigins).toEqual(['http://127.0.0.1:5000']);
    expect(state.hosts.has(PATTERN)).toBe(true);
    await sites.enable('http://localhost:4000', 9);
    await sites.disable('http://localhost:4000');
    expect(state.hosts.has('http://localhost/*')).toBe(true);
  });
});

test('siteOrigin takes exact http(s) origins only', () => {
  expect(siteOrigin('https://video.example')).toBe('https://video.example');
  expect(siteOrigin('http://127.0.0.1:8080')).toBe('http://127.0.0.1:8080');
  for (const bad of [
    'https://video.example/',
    'https://video.example/path',
    'javascript:alert(1)',
    'chrome://extensions',
    'file:///etc/passwd',
    42,
    null,
    `https://${'a'.repeat(3000)}.example`,
  ]) {
    expect(siteOrigin(bad)).toBeNull();
  }
});
