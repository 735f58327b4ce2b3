/**
 * An invitee whose invite opens a page on a site the extension may not run on: nothing can
 * show in that page, so the toolbar button says it — a badge and a title on that tab, until
 * the tab no longer shows the invite (the overlay took the room and dropped the `#kino-room`
 * hash, the user went elsewhere, the tab closed). The popup there says what to do
 * (popup/tab-site.ts `invited`).
 * The tabs are remembered in storage.session and followed by a listener registered at start:
 * MV3 may stop the worker between the invite and the page's load.
 */
import type browser from 'webextension-polyfill';
import { t } from '../i18n';
import { parseInviteHash } from '../invite/invite-hash';

export interface InvitedTab {
  tabId: number;
  origin: string;
  roomId: string;
  /** The badge is on (the invite's page loaded). */
  marked?: boolean;
}

const KEY = 'invitedTabs';
const BADGE = '1';
const BADGE_COLOR = '#e8590c';

/** Whether `url` still shows the invite of `entry`. */
export function showsInvite(entry: InvitedTab, url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.origin === entry.origin && parseInviteHash(parsed.hash)?.roomId === entry.roomId;
  } catch {
    return false;
  }
}

/**
 * What one tab update means for an invited tab. The browser hides the address of a tab on a
 * site we hold no permission for (no `tabs` permission: `url` is absent), and that is just the
 * invite's page; an address we can see is judged by itself.
 * - `mark` once the page has loaded (Firefox clears a tab's badge when it navigates);
 * - `clear` once the tab shows something else: a visible address without the invite (the
 *   join page before it is not the invite's page), or a new load after the mark (the user
 *   went on; a reload by hand ends the hint too);
 * - `keep` otherwise.
 */
export function invitedTabStep(
  entry: InvitedTab,
  change: { status?: string; url?: string },
  tabUrl: string | undefined,
): 'mark' | 'clear' | 'keep' {
  if (change.url !== undefined && !showsInvite(entry, change.url)) {
    return entry.marked ? 'clear' : 'keep';
  }
  if (change.status === 'loading' && entry.marked && change.url === undefined) return 'clear';
  if (change.status === 'complete' && !entry.marked) {
    return tabUrl === undefined || showsInvite(entry, tabUrl) ? 'mark' : 'keep';
  }
  return 'keep';
}

/** The toolbar button's API (`browser.action`; Firefox's MV2 build: `browserAction`). */
export type ToolbarButton = Pick<
  typeof browser.action,
  'setBadgeText' | 'setBadgeBackgroundColor' | 'setTitle'
>;

export function createInvitedTabs(
  area: () => browser.Storage.StorageArea,
  button: () => ToolbarButton,
) {
  const load = async (): Promise<InvitedTab[]> => {
    const stored = (await area().get(KEY))[KEY];
    return Array.isArray(stored) ? (stored as InvitedTab[]) : [];
  };
  const save = (tabs: InvitedTab[]) => area().set({ [KEY]: tabs });
  /** Stores `entry` in place of what its tab had. */
  const put = async (entry: InvitedTab) => {
    await save([...(await load()).filter((tab) => tab.tabId !== entry.tabId), entry]);
  };
  /** Whether the tab was remembered (and is not any more). */
  const forget = async (tabId: number): Promise<boolean> => {
    const tabs = await load();
    if (!tabs.some((tab) => tab.tabId === tabId)) return false;
    await save(tabs.filter((tab) => tab.tabId !== tabId));
    return true;
  };

  async function mark(entry: InvitedTab): Promise<void> {
    const host = new URL(entry.origin).host;
    await Promise.all([
      button().setBadgeText({ tabId: entry.tabId, text: BADGE }),
      button().setBadgeBackgroundColor({ tabId: entry.tabId, color: BADGE_COLOR }),
      button().setTitle({ tabId: entry.tabId, title: t('inviteBadgeTitle', { host }) }),
    ]);
  }

  async function clear(tabId: number): Promise<void> {
    await Promise.all([
      button().setBadgeText({ tabId, text: '' }),
      button().setTitle({ tabId, title: t('productName') }),
    ]).catch(() => {}); // the tab may be gone
  }

  return {
    /** The invite is about to open `entry`'s page in its tab. */
    remember: put,

    async onUpdated(
      tabId: number,
      change: { status?: string; url?: string },
      tab: { url?: string },
    ): Promise<void> {
      const entry = (await load()).find((tab) => tab.tabId === tabId);
      if (!entry) return;
      const step = invitedTabStep(entry, change, tab.url);
      if (step === 'mark') {
        await put({ ...entry, marked: true });
        await mark(entry);
      }
      if (step === 'clear' && (await forget(tabId))) await clear(tabId);
    },

    /** The overlay in `tabId` joined a room: the hint has done its job. */
    async roomTaken(tabId: number): Promise<void> {
      if (await forget(tabId)) await clear(tabId);
    },

    onRemoved: async (tabId: number) => void (await forget(tabId)),
  };
}

export type InvitedTabs = ReturnType<typeof createInvitedTabs>;
