import { describe, expect, test } from 'bun:test';
import { createInvitedTabs, invitedTabStep, showsInvite } from './invited-tab';

const entry = { tabId: 4, origin: 'https://video.example', roomId: 'r_invite' };
const page = 'https://video.example/watch/1#kino-room=r_invite';

describe('an invited tab', () => {
  test('shows the invite while the page of its site carries its room', () => {
    expect(showsInvite(entry, page)).toBe(true);
    expect(showsInvite(entry, 'https://video.example/watch/1')).toBe(false);
    expect(showsInvite(entry, 'https://video.example/watch/1#kino-room=r_other')).toBe(false);
    expect(showsInvite(entry, 'https://elsewhere.example/#kino-room=r_invite')).toBe(false);
    expect(showsInvite(entry, 'not a url')).toBe(false);
  });

  test('marked once the page has loaded, not before, and not the join page finishing', () => {
    expect(invitedTabStep(entry, { status: 'loading', url: page }, page)).toBe('keep');
    expect(invitedTabStep(entry, { status: 'complete' }, page)).toBe('mark');
    // Without a permission for the site the browser hides its address: that is the invite's.
    expect(invitedTabStep(entry, { status: 'loading' }, undefined)).toBe('keep');
    expect(invitedTabStep(entry, { status: 'complete' }, undefined)).toBe('mark');
    // The join page (ours: its address is visible) finishing while the tab is still on it.
    const joinPage = 'http://localhost:8787/join/r_invite';
    expect(invitedTabStep(entry, { status: 'complete' }, joinPage)).toBe('keep');
    expect(invitedTabStep(entry, { status: 'loading', url: joinPage }, joinPage)).toBe('keep');
  });

  test('cleared when the tab shows something else: the overlay took the room, the user moved on', () => {
    const marked = { ...entry, marked: true };
    // The address without the invite (the user took the hash away, or the page did).
    expect(invitedTabStep(marked, { url: 'https://video.example/watch/1' }, undefined)).toBe(
      'clear',
    );
    expect(
      invitedTabStep(marked, { status: 'loading', url: 'https://news.example/' }, undefined),
    ).toBe('clear');
    // A new load of a page we may not see.
    expect(invitedTabStep(marked, { status: 'loading' }, undefined)).toBe('clear');
    // Anything else (a title, the page completing again) keeps it.
    expect(invitedTabStep(marked, {}, undefined)).toBe('keep');
    expect(invitedTabStep(marked, { status: 'complete' }, undefined)).toBe('keep');
  });
});

describe('the toolbar button of invited tabs', () => {
  function harness() {
    const stored: Record<string, unknown> = {};
    const area = {
      get: async (key: string) => ({ [key]: stored[key] }),
      set: async (items: Record<string, unknown>) => void Object.assign(stored, items),
    };
    const badges = new Map<number, string>();
    const titles = new Map<number, string | null>();
    const button = {
      setBadgeText: async ({ tabId, text }: { tabId?: number; text: string | null }) =>
        void badges.set(tabId!, text ?? ''),
      setBadgeBackgroundColor: async () => {},
      setTitle: async ({ tabId, title }: { tabId?: number; title: string | null }) =>
        void titles.set(tabId!, title),
    };
    const tabs = createInvitedTabs(
      () => area as never,
      () => button as never,
    );
    return { tabs, badges, titles };
  }

  test('badge and title on the invited tab once loaded; gone once it shows something else', async () => {
    const { tabs, badges, titles } = harness();
    await tabs.remember(entry);
    await tabs.onUpdated(9, { status: 'complete' }, { url: page }); // another tab
    expect(badges.size).toBe(0);
    await tabs.onUpdated(4, { status: 'loading' }, {});
    expect(badges.size).toBe(0);
    await tabs.onUpdated(4, { status: 'complete' }, {});
    expect(badges.get(4)).toBe('1');
    expect(titles.get(4)).toBe(
      'Kino Vmeste: you are invited to a room on video.example — click to join',
    );
    await tabs.onUpdated(4, { url: 'https://video.example/watch/1' }, {});
    expect(badges.get(4)).toBe('');
    expect(titles.get(4)).toBe('Kino Vmeste');
    // Forgotten: the same page later (a reload by hand) is not marked again.
    await tabs.onUpdated(4, { status: 'complete' }, { url: page });
    expect(badges.get(4)).toBe('');
  });

  test('the overlay in that tab took the room: the badge goes', async () => {
    const { tabs, badges } = harness();
    await tabs.remember(entry);
    await tabs.onUpdated(4, { status: 'complete' }, {});
    await tabs.roomTaken(9);
    expect(badges.get(4)).toBe('1');
    await tabs.roomTaken(4);
    expect(badges.get(4)).toBe('');
  });

  test('a closed tab is forgotten', async () => {
    const { tabs, badges } = harness();
    await tabs.remember(entry);
    await tabs.onRemoved(4);
    await tabs.onUpdated(4, { status: 'complete' }, { url: page });
    expect(badges.size).toBe(0);
  });
});
