/**
 * What the popup can offer for the tab it was opened on. Pure: the tab's address (the browser
 * shows it to us through `activeTab`) and the settings in, the site's state out.
 */
import { BUILD } from '../build-info';
import { parseInviteHash } from '../invite/invite-hash';
import { cinemaOriginsOf, type Settings } from '../settings/settings';

export interface TabSite {
  tabId: number;
  origin: string;
  /** `enabled`: the overlay runs there (popup offers to disable); `available`: it may. */
  state: 'enabled' | 'available';
  /** The page carries a room invite (`#kino-room`) the overlay could not take: not enabled. */
  invited: boolean;
}

/**
 * null for the cinema itself (always on), our backend's own pages (invites, the privacy
 * policy), and pages that are not http(s) web pages.
 */
export function tabSiteOf(
  tab: { id?: number; url?: string } | undefined,
  settings: Settings,
): TabSite | null {
  if (!tab?.url || tab.id === undefined || tab.id < 0) return null;
  let url: URL;
  try {
    url = new URL(tab.url);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  const { origin } = url;
  const ours = [...cinemaOriginsOf(settings), settings.backendUrl, BUILD.backendUrl];
  if (ours.some((url) => new URL(url).origin === origin)) return null;
  const enabled = settings.enabledOrigins.includes(origin);
  return {
    tabId: tab.id,
    origin,
    state: enabled ? 'enabled' : 'available',
    invited: !enabled && parseInviteHash(url.hash) !== null,
  };
}
