import { describe, expect, test } from 'bun:test';
import { DEFAULT_SETTINGS } from '../settings/settings';
import { tabSiteOf } from './tab-site';

const settings = { ...DEFAULT_SETTINGS, enabledOrigins: ['https://video.example'] };

describe('tabSiteOf', () => {
  test('a web page: its origin, on or not', () => {
    expect(tabSiteOf({ id: 3, url: 'https://video.example/watch?v=1#t' }, settings)).toEqual({
      tabId: 3,
      origin: 'https://video.example',
      state: 'enabled',
      invited: false,
    });
    expect(tabSiteOf({ id: 4, url: 'http://127.0.0.1:8080/film' }, settings)).toEqual({
      tabId: 4,
      origin: 'http://127.0.0.1:8080',
      state: 'available',
      invited: false,
    });
    // Another port is another origin.
    expect(tabSiteOf({ id: 5, url: 'https://video.example:8443/' }, settings)?.state).toBe(
      'available',
    );
  });

  test('invited: a page of a site not enabled that still carries a room invite', () => {
    const invite = '#kino-room=r_0123456789abcdefghij';
    expect(
      tabSiteOf({ id: 6, url: `http://127.0.0.1:8080/film${invite}` }, settings)?.invited,
    ).toBe(true);
    // On an enabled site the overlay takes the room itself; a hash that is not an invite.
    expect(tabSiteOf({ id: 6, url: `https://video.example/${invite}` }, settings)?.invited).toBe(
      false,
    );
    expect(
      tabSiteOf({ id: 6, url: 'http://127.0.0.1:8080/film#kino-room=../x' }, settings)?.invited,
    ).toBe(false);
  });

  test('nothing to offer on the cinema (always on) or off the web', () => {
    // The build's cinema and the one in the settings (cinemaOriginsOf).
    expect(
      tabSiteOf({ id: 1, url: 'http://localhost:3000/films/night-train' }, settings),
    ).toBeNull();
    const moved = { ...settings, cinemaOrigin: 'https://cinema.example' };
    expect(tabSiteOf({ id: 1, url: 'https://cinema.example/films/x' }, moved)).toBeNull();
    for (const url of [
      'chrome://extensions/',
      'about:blank',
      'chrome-extension://abc/popup.html',
    ]) {
      expect(tabSiteOf({ id: 1, url }, settings)).toBeNull();
    }
    // No address: the browser withheld it (no activeTab grant), or no tab at all.
    expect(tabSiteOf({ id: 1 }, settings)).toBeNull();
    expect(tabSiteOf(undefined, settings)).toBeNull();
    expect(tabSiteOf({ url: 'https://video.example/' }, settings)).toBeNull();
  });
});
