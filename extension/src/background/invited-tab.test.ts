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
    // The join page completing while the tab is still on it.
    expect(
      invitedTabStep(entry, { status: 'complete' }, 'http://localhost:8787/join/r_invite'),
    ).toBe('keep');
  });

  test('cleared when the tab shows something else: the overlay took the room, the user moved on', () => {
    // The overlay drops the hash once it joined (history.replaceState).
    expect(invitedTabStep(entry, { url: 'https://video.example/watch/1' }, undefined)).toBe(
      'clear',
    );
    expect(
      invitedTabStep(entry, { status: 'loading', url: 'https://news.example/' }, undefined),
    ).toBe('clear');
    expect(invitedTabStep(entry, { title: 'x' } as { status?: string }, page)).toBe('keep');
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
    await tabs.onUpdated(4, { status: 'complete' }, { url: page });
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

  test('a closed tab is forgotten', async () => {
    const { tabs, badges } = harness();
    await tabs.remember(entry);
    await tabs.onRemoved(4);
    await tabs.onUpdated(4, { status: 'complete' }, { url: page });
    expect(badges.size).toBe(0);
  });
});
