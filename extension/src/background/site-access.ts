/**
 * "Enable on this site" and "Disable on this site", as the background carries them out.
 *
 * Enabling needs the site's host permission, which only the popup can ask for (on the user's
 * click). Browsers close the popup when their permission prompt opens (Chrome and Firefox both
 * do), so the popup first tells us what it asked for; the request is kept in storage.session
 * (a sleeping MV3 worker forgets memory) and finished here when the permission is there — at
 * once if it already was, or when `permissions.onAdded` reports the user's "Allow". Finishing
 * means: the origin joins the enabled ones, the overlay is registered for future visits, and
 * it is injected into the tab without a reload. Everything goes through one queue, so the
 * popup's request and the browser's event can never inject twice.
 *
 * I/O comes in as ports (site-scripts.ts and storage in the real background), so this is
 * tested with fakes.
 */
import { hostPattern } from '../../build-config';
import type { OverlayInjection, SiteDisableResult, SiteEnableResult } from '../messaging/messages';
import type { Settings } from '../settings/settings';

export interface PendingSite {
  origin: string;
  tabId: number;
  /** When the popup asked (ms). */
  at: number;
}

export interface SiteAccessPorts {
  hasHost(pattern: string): Promise<boolean>;
  removeHost(pattern: string): Promise<void>;
  /** Host patterns the manifest requires (they cannot be given back). */
  requiredHosts: readonly string[];
  loadSettings(): Promise<Settings>;
  saveSettings(settings: Settings): Promise<void>;
  registerScripts(origins: string[]): Promise<{ ok: boolean; error?: string }>;
  injectOverlay(tabId: number, origin: string): Promise<OverlayInjection>;
  loadPending(): Promise<PendingSite[]>;
  savePending(pending: PendingSite[]): Promise<void>;
  now(): number;
  /** Calls `run` after `ms`; the returned function cancels it. */
  after(ms: number, run: () => void): () => void;
}

export const SITE_ACCESS_TIMING = {
  /** How long the popup's request waits for an answer before it reports a timeout. */
  answerMs: 120_000,
  /** A prompt answered later than this (popup long closed) enables nothing. */
  pendingMs: 10 * 60_000,
} as const;

/** An http(s) origin exactly as `URL.origin` writes it, or null. */
export function siteOrigin(value: unknown): string | null {
  if (typeof value !== 'string' || value.length > 2048) return null;
  try {
    const url = new URL(value);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    return url.origin === value ? value : null;
  } catch {
    return null;
  }
}

export function createSiteAccess(ports: SiteAccessPorts) {
  let queue: Promise<unknown> = Promise.resolve();
  function serial<T>(run: () => Promise<T>): Promise<T> {
    const next = queue.then(run, run);
    queue = next.catch(() => undefined);
    return next;
  }
  /** Popups (usually one) waiting for an origin's outcome. */
  const waiting = new Map<string, ((result: SiteEnableResult) => void)[]>();
  const settle = (origin: string, result: SiteEnableResult) => {
    for (const resolve of waiting.get(origin) ?? []) resolve(result);
    waiting.delete(origin);
  };

  async function turnOn(site: PendingSite): Promise<SiteEnableResult> {
    try {
      const settings = await ports.loadSettings();
      const origins = [...new Set([...settings.enabledOrigins, site.origin])];
      await ports.saveSettings({ ...settings, enabledOrigins: origins });
      const registered = await ports.registerScripts(origins);
      if (!registered.ok) return { ok: false, reason: 'failed', error: registered.error };
      return { ok: true, overlay: await ports.injectOverlay(site.tabId, site.origin) };
    } catch (error) {
      return { ok: false, reason: 'failed', error: String(error) };
    }
  }

  /** Finishes the pending request for `origin`, if there still is one (inside the queue). */
  async function finish(origin: string): Promise<void> {
    const pending = await ports.loadPending();
    const site = pending.find((p) => p.origin === origin);
    if (!site) return;
    await ports.savePending(pending.filter((p) => p !== site));
    settle(origin, await turnOn(site));
  }

  async function forget(origin: string): Promise<void> {
    const pending = await ports.loadPending();
    await ports.savePending(pending.filter((p) => p.origin !== origin));
  }

  return {
    /** The popup's "Enable on this site"; resolves with the outcome (or a timeout). */
    async enable(origin: string, tabId: number): Promise<SiteEnableResult> {
      const asked = ports.now();
      const outcome = new Promise<SiteEnableResult>((resolve) => {
        waiting.set(origin, [...(waiting.get(origin) ?? []), resolve]);
      });
      await serial(async () => {
        const fresh = (await ports.loadPending()).filter(
          (p) => p.origin !== origin && asked - p.at < SITE_ACCESS_TIMING.pendingMs,
        );
        await ports.savePending([...fresh, { origin, tabId, at: asked }]);
      });
      if (await ports.hasHost(hostPattern(origin))) void serial(() => finish(origin));
      const cancelTimer = ports.after(SITE_ACCESS_TIMING.answerMs, () => {
        // Only this request: a newer one for the same origin keeps waiting.
        void serial(async () => {
          const pending = await ports.loadPending();
          if (!pending.some((p) => p.origin === origin && p.at === asked)) return;
          await ports.savePending(pending.filter((p) => p.origin !== origin));
          settle(origin, { ok: false, reason: 'timeout' });
        });
      });
      return outcome.finally(cancelTimer);
    },

    /** The user said no in the browser's prompt. */
    async cancel(origin: string): Promise<void> {
      await serial(() => forget(origin));
      settle(origin, { ok: false, reason: 'denied' });
    },

    /** `permissions.onAdded`: finish what was waiting for these host patterns. */
    async granted(patterns: readonly string[]): Promise<void> {
      const now = ports.now();
      const pending = await serial(() => ports.loadPending());
      for (const site of pending) {
        if (now - site.at >= SITE_ACCESS_TIMING.pendingMs) continue;
        if (patterns.includes(hostPattern(site.origin))) await serial(() => finish(site.origin));
      }
    },

    /** Off for this origin: its open pages drop the overlay (they watch the settings). */
    disable(origin: string): Promise<SiteDisableResult> {
      return serial(async () => {
        try {
          await forget(origin);
          const settings = await ports.loadSettings();
          const origins = settings.enabledOrigins.filter((o) => o !== origin);
          await ports.saveSettings({ ...settings, enabledOrigins: origins });
          const registered = await ports.registerScripts(origins);
          // The access goes back too, unless another enabled origin on the same host (another
          // port: patterns have none) or the build itself still needs it.
          const pattern = hostPattern(origin);
          const needed =
            ports.requiredHosts.includes(pattern) ||
            origins.some((o) => hostPattern(o) === pattern);
          if (!needed) await ports.removeHost(pattern);
          return registered.ok
            ? { ok: true }
            : { ok: false, error: registered.error ?? 'not unregistered' };
        } catch (error) {
          return { ok: false, error: String(error) };
        }
      });
    },
  };
}

export type SiteAccess = ReturnType<typeof createSiteAccess>;
