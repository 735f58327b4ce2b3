import { describe, expect, test } from 'bun:test';
import { browserOf, type InstallContext, renderInstallHelp } from './install-help.ts';

/** User-Agent strings as these browsers send them (desktop unless named). */
const UA = {
  chrome:
    'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36',
  edge: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0',
  yandex:
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 YaBrowser/24.7.0.0 Safari/537.36',
  opera:
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36 OPR/115.0.0.0',
  firefox: 'Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0',
  safari:
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Safari/605.1.15',
  androidChrome:
    'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36',
  iphoneFirefox:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) FxiOS/131.0 Mobile/15E148 Safari/605.1.15',
};

describe('browserOf', () => {
  test.each([
    ['chrome', 'chrome', false],
    ['edge', 'chrome', false],
    ['yandex', 'chrome', false],
    ['opera', 'chrome', false],
    ['firefox', 'firefox', false],
    ['safari', null, false],
    ['androidChrome', 'chrome', true],
    ['iphoneFirefox', 'firefox', true],
  ] as const)('%s → %s store, mobile %s', (name, store, mobile) => {
    expect(browserOf(UA[name])).toEqual({ store, mobile });
  });

  test('no header, or a huge one, is an unknown desktop browser', () => {
    expect(browserOf(undefined)).toEqual({ store: null, mobile: false });
    expect(browserOf('x'.repeat(100_000))).toEqual({ store: null, mobile: false });
  });
});

const links = {
  chrome: 'https://chromewebstore.google.com/detail/kino-vmeste/abcdef',
  firefox: 'https://addons.mozilla.org/firefox/addon/kino-vmeste',
};
const context = (ua: string, over: Partial<InstallContext> = {}): InstallContext => ({
  browser: browserOf(ua),
  storeLinks: links,
  developerMode: false,
  ...over,
});
const primaryLink = (html: string) => /class="store primary" href="([^"]+)"/.exec(html)?.[1];

describe('renderInstallHelp', () => {
  test('the visitor’s own store first, the other one offered below', () => {
    const chrome = renderInstallHelp('en', context(UA.yandex));
    expect(primaryLink(chrome)).toBe(links.chrome);
    expect(chrome).toContain('Install from the Chrome Web Store');
    expect(chrome).toContain('Another browser?');
    expect(chrome).toContain(`href="${links.firefox}"`);
    expect(chrome.indexOf(links.chrome)).toBeLessThan(chrome.indexOf(links.firefox));

    const firefox = renderInstallHelp('ru', context(UA.firefox));
    expect(primaryLink(firefox)).toBe(links.firefox);
    expect(firefox).toContain('Установить с addons.mozilla.org');
    expect(firefox).toContain('Другой браузер?');
    expect(firefox.indexOf(links.firefox)).toBeLessThan(firefox.indexOf(links.chrome));
  });

  test('a browser we cannot tell gets both stores, neither pushed', () => {
    const html = renderInstallHelp('en', context(UA.safari));
    expect(primaryLink(html)).toBeUndefined();
    expect(html).toContain(`href="${links.chrome}"`);
    expect(html).toContain(`href="${links.firefox}"`);
    expect(html).not.toContain('Another browser?');
  });

  test('on a phone: use a computer, with both stores named', () => {
    const html = renderInstallHelp('ru', context(UA.androidChrome));
    expect(html).toContain('на компьютере');
    expect(primaryLink(html)).toBeUndefined();
    expect(html).toContain(`href="${links.firefox}"`);
  });

  test('without configured store pages the stores are named, not linked', () => {
    const html = renderInstallHelp('en', context(UA.chrome, { storeLinks: {} }));
    expect(html).not.toContain('href=');
    expect(html).toContain('find Kino Vmeste in the Chrome Web Store');
    expect(html).toContain('find Kino Vmeste on addons.mozilla.org');
    // One configured, the other not.
    const one = renderInstallHelp(
      'en',
      context(UA.firefox, { storeLinks: { chrome: links.chrome } }),
    );
    expect(one).toContain('find Kino Vmeste on addons.mozilla.org');
    expect(one).toContain(`href="${links.chrome}"`);
  });

  test('developer-mode instructions only when asked for (development)', () => {
    for (const lang of ['ru', 'en'] as const) {
      const production = renderInstallHelp(lang, context(UA.chrome));
      expect(production).not.toMatch(/chrome:\/\/extensions|about:debugging|\.output/);
      const development = renderInstallHelp(lang, context(UA.chrome, { developerMode: true }));
      expect(development).toContain('chrome://extensions');
      expect(development).toContain('extension/.output/chrome-mv3');
      expect(development).toContain('about:debugging');
    }
  });

  test('configured links are escaped', () => {
    const html = renderInstallHelp(
      'en',
      context(UA.chrome, { storeLinks: { chrome: 'https://x.example/"><script>' } }),
    );
    expect(html).not.toContain('"><script>');
    expect(html).toContain('&quot;&gt;&lt;script&gt;');
  });
});
