import { describe, expect, test } from 'bun:test';
import { API_PERMISSIONS, parseBuildConfig } from '../../extension/build-config.ts';
import { type Browser, checkPackage, findRemoteCode } from './manifest-check.ts';
import type { FileMap } from './zip-files.ts';

const build = parseBuildConfig({
  KINO_BACKEND_URL: 'https://together.example.com',
  KINO_CINEMA_ORIGINS: 'https://cinema.example.com',
});
const hosts = ['https://cinema.example.com/*', 'https://together.example.com/*'];
const scripts = [
  { matches: ['https://together.example.com/join/*'], js: ['content-scripts/join.js'] },
  { matches: ['https://cinema.example.com/films/*'], js: ['content-scripts/overlay.js'] },
];

type Json = Record<string, unknown>;

/** A package as WXT builds it for `browser`, with `change` applied to its manifest. */
function pkg(browser: Browser, change: (m: Json) => void = () => {}): FileMap {
  const manifest: Json = {
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    version: '1.2.3',
    default_locale: 'en',
    icons: { 16: 'icon/16.png', 48: 'icon/48.png', 128: 'icon/128.png' },
    content_scripts: scripts,
    ...(browser === 'chrome'
      ? {
          manifest_version: 3,
          permissions: Object.keys(API_PERMISSIONS),
          host_permissions: hosts,
          optional_host_permissions: ['https://*/*', 'http://*/*'],
          background: { service_worker: 'background.js' },
          action: { default_popup: 'popup.html' },
        }
      : {
          manifest_version: 2,
          permissions: [...Object.keys(API_PERMISSIONS), ...hosts],
          optional_permissions: ['https://*/*', 'http://*/*'],
          background: { scripts: ['background.js'] },
          browser_action: { default_popup: 'popup.html' },
          browser_specific_settings: {
            gecko: {
              id: 'kino@example.com',
              strict_min_version: '142.0',
              data_collection_permissions: {
                required: [
                  'authenticationInfo',
                  'personallyIdentifyingInfo',
                  'personalCommunications',
                  'browsingActivity',
                  'websiteActivity',
                ],
              },
            },
          },
        }),
  };
  change(manifest);
  const messages = (name: string) =>
    JSON.stringify({ extName: { message: name }, extDescription: { message: 'Watch together.' } });
  const files: [string, string][] = [
    ['manifest.json', JSON.stringify(manifest)],
    ['_locales/en/messages.json', messages('Kino Vmeste')],
    ['_locales/ru/messages.json', messages('Кино Вместе')],
    ['background.js', 'console.log(1)'],
    ['popup.html', '<script type="module" src="/chunks/popup.js"></script>'],
    ['content-scripts/join.js', 'x.evaluate(1)'],
    ['content-scripts/overlay.js', 'a.innerHTML=b'],
    ['icon/16.png', ''],
    ['icon/48.png', ''],
    ['icon/128.png', ''],
  ];
  return new Map(files.map(([path, text]) => [path, new TextEncoder().encode(text)]));
}

const check = (browser: Browser, files: FileMap, version = '1.2.3') =>
  checkPackage(files, { browser, version, build });

describe('checkPackage', () => {
  test.each(['chrome', 'firefox'] as const)('a good %s package has no problems', (browser) => {
    expect(check(browser, pkg(browser))).toEqual([]);
  });

  test('the version must be package.json’s', () => {
    expect(check('chrome', pkg('chrome'), '1.2.4')).toEqual([
      'version is 1.2.3, package.json says 1.2.4',
    ]);
  });

  test('any permission beyond the minimal set, or a broad one, is refused', () => {
    const tabs = check(
      'chrome',
      pkg('chrome', (m) => (m.permissions as string[]).push('tabs')),
    );
    expect(tabs).toContain('asks for the broad permission tabs');
    expect(
      tabs.some((p) => p.startsWith('permissions are [storage, scripting, activeTab, tabs]')),
    ).toBe(true);
    const allUrls = check(
      'firefox',
      pkg('firefox', (m) => (m.permissions as string[]).push('<all_urls>')),
    );
    expect(allUrls).toContain('asks for the broad permission <all_urls>');
    const fewer = check(
      'chrome',
      pkg('chrome', (m) => (m.permissions = ['storage'])),
    );
    expect(fewer[0]).toStartWith('permissions are [storage], expected exactly');
  });

  test('hosts and content-script matches must be the build’s', () => {
    const localhost = check(
      'chrome',
      pkg('chrome', (m) => (m.host_permissions = ['http://localhost/*'])),
    );
    expect(localhost[0]).toStartWith('host permissions are [http://localhost/*]');
    const wide = check(
      'chrome',
      pkg('chrome', (m) => {
        m.content_scripts = [scripts[0], { ...scripts[1], matches: ['https://*/*'] }];
      }),
    );
    expect(wide).toEqual([
      'the overlay runs on [https://*/*], expected [https://cinema.example.com/films/*]',
    ]);
    const optional = check(
      'firefox',
      pkg('firefox', (m) => (m.optional_permissions = ['<all_urls>'])),
    );
    expect(optional[0]).toStartWith('optional hosts are [<all_urls>]');
  });

  test('Firefox must declare exactly what is transmitted', () => {
    const none = check(
      'firefox',
      pkg('firefox', (m) => {
        const gecko = (m.browser_specific_settings as { gecko: Json }).gecko;
        gecko.data_collection_permissions = { required: ['none'] };
      }),
    );
    expect(none[0]).toStartWith('data_collection_permissions.required is [none], expected');
    const old = check(
      'firefox',
      pkg('firefox', (m) => {
        const gecko = (m.browser_specific_settings as { gecko: Json }).gecko;
        gecko.strict_min_version = '115.0';
        delete gecko.id;
      }),
    );
    expect(old).toEqual([
      'Firefox needs browser_specific_settings.gecko.id',
      'Firefox strict_min_version must be at least 142',
    ]);
  });

  test('Chrome needs MV3 with a service worker and no Firefox settings', () => {
    const problems = check(
      'chrome',
      pkg('chrome', (m) => {
        m.manifest_version = 2;
        m.background = { scripts: ['background.js'] };
        m.browser_specific_settings = { gecko: { id: 'x' } };
      }),
    );
    expect(problems).toEqual([
      'Chrome needs manifest_version 3',
      'Chrome needs a background service worker',
      'the Chrome package carries Firefox settings',
    ]);
  });

  test('every referenced file, icon size and localised text must be there', () => {
    const files = pkg('chrome', (m) => {
      m.icons = { 16: 'icon/16.png', 128: 'icon/128.png' };
      m.action = { default_popup: 'missing.html' };
    });
    files.set(
      '_locales/ru/messages.json',
      new TextEncoder().encode(JSON.stringify({ extName: { message: 'К'.repeat(80) } })),
    );
    expect(check('chrome', files)).toEqual([
      '_locales/ru "name" is longer than 75 characters',
      '_locales/ru lacks "extDescription" for "description"',
      'the manifest names missing.html, which the package lacks',
      'icons lack the sizes 48',
    ]);
    expect(check('chrome', new Map())).toEqual(['the package has no manifest.json at its root']);
  });

  test('a content security policy of its own is refused', () => {
    const csp = pkg('chrome', (m) => {
      m.content_security_policy = { extension_pages: "script-src 'self' https://cdn.example" };
    });
    expect(check('chrome', csp)).toEqual([
      'sets a content_security_policy (the default one forbids remote code)',
    ]);
  });
});

describe('findRemoteCode', () => {
  const files = (entries: Record<string, string>): FileMap =>
    new Map(Object.entries(entries).map(([k, v]) => [k, new TextEncoder().encode(v)]));

  test('finds scripts from the network, eval and new Function', () => {
    expect(
      findRemoteCode(
        files({
          'a.html': '<script src="https://cdn.example/x.js"></script>',
          'b.html': "<script src='//cdn.example/x.js'></script>",
          'c.js': "importScripts('https://cdn.example/w.js')",
          'd.js': 'await import("https://cdn.example/m.js")',
          'e.js': 'const f=eval(code)',
          'f.js': 'new Function("return 1")',
        }),
      ),
    ).toEqual([
      'a.html loads a script from the network',
      'b.html loads a script from the network',
      'c.js imports a script from the network',
      'd.js imports a module from the network',
      'e.js calls eval',
      'f.js builds code with new Function',
    ]);
  });

  test('local scripts, method names ending in eval and other files pass', () => {
    expect(
      findRemoteCode(
        files({
          'popup.html': '<script type="module" src="/chunks/popup.js"></script>',
          'x.js': 'doc.evaluate(p); obj.eval(1); retrieval(2); fetch("https://api.example/x")',
          'notes.txt': 'eval(1)',
        }),
      ),
    ).toEqual([]);
  });
});
