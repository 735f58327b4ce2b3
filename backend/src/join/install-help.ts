/**
 * "How do I get the extension?" on the invite page, for whoever opened the link without it:
 * the store page for THEIR browser (told by its User-Agent), the other store as a fallback,
 * both when the browser is not recognised, and a hint to use a computer on a phone. The store
 * pages come from KINO_CHROME_STORE_URL / KINO_FIREFOX_STORE_URL (the same variables the
 * extension's release build reads); loading an unpacked build is explained in development
 * only. Pure: data in, HTML out.
 */
import type { StoreLinks } from '../config.ts';
import { escapeHtml } from '../mail/html.ts';
import type { Lang } from './language.ts';

export type Store = 'chrome' | 'firefox';

export interface VisitorBrowser {
  /** Whose store serves this browser; null when we cannot tell (or it has none). */
  store: Store | null;
  /** Phones and tablets: browser extensions need a computer. */
  mobile: boolean;
}

export interface InstallContext {
  browser: VisitorBrowser;
  storeLinks: StoreLinks;
  /** Development: also how to load the unpacked build (never in production). */
  developerMode: boolean;
}

// Chromium's family installs from the Chrome Web Store: Chrome, Edge, Yandex, Opera, Brave…
const CHROMIUM = /\b(?:Chrome|Chromium|CriOS|EdgA?|YaBrowser|OPR)\/\d/;
const FIREFOX = /\b(?:Firefox|FxiOS)\/\d/;
const MOBILE = /\b(?:Mobi|Android|iPhone|iPad|iPod)\b/;

export function browserOf(userAgent: string | null | undefined): VisitorBrowser {
  const ua = (userAgent ?? '').slice(0, 512);
  const store: Store | null = FIREFOX.test(ua) ? 'firefox' : CHROMIUM.test(ua) ? 'chrome' : null;
  return { store, mobile: MOBILE.test(ua) };
}

const TEXT = {
  ru: {
    install: 'Расширение не установлено. Установите его и откройте эту ссылку снова.',
    mobile: '«Кино Вместе» работает в Chrome или Firefox на компьютере: откройте эту ссылку там.',
    chromeLink: 'Установить из Chrome Web Store',
    firefoxLink: 'Установить с addons.mozilla.org',
    chromeWho: 'Chrome, Яндекс Браузер, Edge, Opera',
    firefoxWho: 'Firefox',
    chromeNoLink: 'найдите «Кино Вместе» в Chrome Web Store',
    firefoxNoLink: 'найдите «Кино Вместе» на addons.mozilla.org',
    other: 'Другой браузер?',
    devTitle: 'Сборка для разработки (этот сервер запущен в режиме разработки):',
    devChrome:
      'Chrome: откройте chrome://extensions, включите «Режим разработчика», нажмите «Загрузить распакованное» и выберите extension/.output/chrome-mv3.',
    devFirefox:
      'Firefox: откройте about:debugging#/runtime/this-firefox, «Загрузить временное дополнение…» и выберите extension/.output/firefox-mv2/manifest.json.',
  },
  en: {
    install: 'The extension is not installed. Install it, then open this link again.',
    mobile: 'Kino Vmeste works in Chrome or Firefox on a computer: open this link there.',
    chromeLink: 'Install from the Chrome Web Store',
    firefoxLink: 'Install from addons.mozilla.org',
    chromeWho: 'Chrome, Edge, Yandex Browser, Opera',
    firefoxWho: 'Firefox',
    chromeNoLink: 'find Kino Vmeste in the Chrome Web Store',
    firefoxNoLink: 'find Kino Vmeste on addons.mozilla.org',
    other: 'Another browser?',
    devTitle: 'Development build (this server runs in development mode):',
    devChrome:
      'Chrome: open chrome://extensions, turn on Developer mode, press "Load unpacked" and choose extension/.output/chrome-mv3.',
    devFirefox:
      'Firefox: open about:debugging#/runtime/this-firefox, "Load Temporary Add-on…" and choose extension/.output/firefox-mv2/manifest.json.',
  },
} as const;

type Text = (typeof TEXT)[Lang];

/** One store: a button-like link when its page is configured, its name otherwise. */
function storeEntry(s: Text, store: Store, links: StoreLinks, primary: boolean): string {
  const e = escapeHtml;
  const who = store === 'chrome' ? s.chromeWho : s.firefoxWho;
  const link = links[store];
  const label = store === 'chrome' ? s.chromeLink : s.firefoxLink;
  if (link) {
    const cls = primary ? 'store primary' : 'store';
    return `<li data-store="${store}">${e(who)}: <a class="${cls}" href="${e(link)}" target="_blank" rel="noopener">${e(label)}</a></li>`;
  }
  return `<li data-store="${store}">${e(who)}: ${e(store === 'chrome' ? s.chromeNoLink : s.firefoxNoLink)}</li>`;
}

export function renderInstallHelp(lang: Lang, context: InstallContext): string {
  const s = TEXT[lang];
  const e = escapeHtml;
  const { store, mobile } = context.browser;
  const parts = [`<p>${e(s.install)}</p>`];
  if (mobile) parts.push(`<p class="mobile">${e(s.mobile)}</p>`);
  if (store && !mobile) {
    const other: Store = store === 'chrome' ? 'firefox' : 'chrome';
    parts.push(`<ul class="stores">${storeEntry(s, store, context.storeLinks, true)}</ul>`);
    parts.push(
      `<p class="note">${e(s.other)}</p><ul class="stores other">${storeEntry(s, other, context.storeLinks, false)}</ul>`,
    );
  } else {
    parts.push(
      `<ul class="stores">${storeEntry(s, 'chrome', context.storeLinks, false)}${storeEntry(s, 'firefox', context.storeLinks, false)}</ul>`,
    );
  }
  if (context.developerMode) {
    parts.push(
      `<div class="dev"><p>${e(s.devTitle)}</p><ul><li>${e(s.devChrome)}</li><li>${e(s.devFirefox)}</li></ul></div>`,
    );
  }
  return parts.join('\n');
}
