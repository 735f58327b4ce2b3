/**
 * The join page behind the e-mailed link. Pure renderers: data in, HTML out.
 * With the extension installed, the extension's content script sees the meta
 * tags, sets `data-kino-extension="1"` on <html> and takes over (opens the film
 * with the room). Without it, the page explains what this is and how to install.
 */
import { escapeHtml } from '../mail/html.ts';
import { type InstallContext, renderInstallHelp } from './install-help.ts';
import type { Lang } from './language.ts';

export interface JoinPageData {
  roomId: string;
  filmTitle: string;
  filmUrl: string;
  ownerName: string;
  /** Only when the link's token belongs to this room. */
  /** The owner let anyone holding the link join (not only the invited). */
  allowLinkJoin: boolean;
  closed: boolean;
}

const TEXT = {
  ru: {
    title: (d: JoinPageData) => `Приглашение: «${d.filmTitle}» — Кино Вместе`,
    heading: (d: JoinPageData) => `${d.ownerName} зовёт вас смотреть «${d.filmTitle}» вместе`,
    what: '«Кино Вместе» — расширение для браузера: фильм в онлайн-кинотеатре идёт у всех синхронно, а рядом — общий чат и реакции.',
    waiting: 'Ищем расширение «Кино Вместе»…',
    handover: 'Расширение найдено — открываем фильм…',
    signIn:
      'Войдите в онлайн-кинотеатр под своим аккаунтом — в комнату пускают только приглашённых.',
    signInLink:
      'Войдите в онлайн-кинотеатр под своим аккаунтом — в эту комнату может войти любой, у кого есть ссылка.',
    film: 'Страница фильма',
    closed: 'Эта комната уже закрыта.',
    notFound: 'Такой комнаты нет. Возможно, ссылка неполная.',
    notFoundTitle: 'Комната не найдена — Кино Вместе',
    unavailableTitle: 'Сервер занят — Кино Вместе',
    unavailable: (seconds: number) =>
      `«Кино Вместе» сейчас не может открыть комнату. Обновите страницу через ${seconds} с.`,
  },
  en: {
    title: (d: JoinPageData) => `Invitation: "${d.filmTitle}" — Kino Vmeste`,
    heading: (d: JoinPageData) => `${d.ownerName} invites you to watch "${d.filmTitle}" together`,
    what: 'Kino Vmeste is a browser extension: the film on the online cinema plays in sync for everyone, with a shared chat and reactions.',
    waiting: 'Looking for the Kino Vmeste extension…',
    handover: 'Extension found — opening the film…',
    signIn:
      'Sign in to the online cinema with your account: only invited people may join the room.',
    signInLink:
      'Sign in to the online cinema with your account: anyone with this link may join the room.',
    film: 'Film page',
    closed: 'This room has been closed.',
    notFound: 'There is no such room. The link may be incomplete.',
    notFoundTitle: 'Room not found — Kino Vmeste',
    unavailableTitle: 'Server busy — Kino Vmeste',
    unavailable: (seconds: number) =>
      `Kino Vmeste cannot open the room right now. Reload this page in ${seconds} s.`,
  },
} as const;

const STYLE =
  'body{font-family:system-ui,sans-serif;max-width:640px;margin:40px auto;padding:0 16px;line-height:1.5;color:#222}' +
  '.hidden{display:none}.note{color:#666}.stores{list-style:none;padding:0;margin:8px 0}.stores li{margin:4px 0}' +
  '.store.primary{display:inline-block;margin:4px 0;padding:8px 14px;border-radius:6px;background:#e4572e;color:#fff;text-decoration:none;font-weight:600}' +
  '.mobile{font-weight:600}.dev{margin-top:16px;padding:8px 12px;border:1px dashed #bbb;color:#555;font-size:14px}';

/** Without a visitor's browser (tests, previews): both stores, no developer help. */
const BOTH_STORES: InstallContext = {
  browser: { store: null, mobile: false },
  storeLinks: {},
  developerMode: false,
};

// Waits briefly for the extension's marker; shows the install help if it never comes.
const SCRIPT = `(function(){var root=document.documentElement;var t0=Date.now();
function show(id){document.getElementById('kino-waiting').classList.add('hidden');document.getElementById(id).classList.remove('hidden');}
(function poll(){if(root.dataset.kinoExtension==='1'){show('kino-handover');return;}
if(Date.now()-t0>2500){show('kino-install');return;}setTimeout(poll,100);})();})();`;

export function renderJoinPage(
  data: JoinPageData,
  lang: Lang,
  install: InstallContext = BOTH_STORES,
): string {
  const s = TEXT[lang];
  const e = escapeHtml;
  const body = data.closed
    ? `<p>${e(s.closed)}</p>`
    : `<p id="kino-waiting">${e(s.waiting)}</p>
<p id="kino-handover" class="hidden">${e(s.handover)}</p>
<div id="kino-install" class="hidden">
${renderInstallHelp(lang, install)}
<p class="note">${e(data.allowLinkJoin ? s.signInLink : s.signIn)}</p>
</div>
<script>${SCRIPT}</script>`;
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="kino-room" content="${e(data.roomId)}">
<meta name="kino-film-url" content="${e(data.filmUrl)}">
<title>${e(s.title(data))}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>${e(s.heading(data))}</h1>
<p>${e(s.what)}</p>
${body}
<p><a href="${e(data.filmUrl)}">${e(s.film)}</a></p>
</body>
</html>`;
}

export function renderRoomNotFoundPage(lang: Lang): string {
  const s = TEXT[lang];
  return `<!doctype html>
<html lang="${lang}">
<head><meta charset="utf-8"><title>${escapeHtml(s.notFoundTitle)}</title><style>${STYLE}</style></head>
<body><h1>${escapeHtml(s.notFoundTitle)}</h1><p>${escapeHtml(s.notFound)}</p></body>
</html>`;
}

/** A dependency (the database) is down: the link is fine, come back shortly. */
export function renderUnavailablePage(lang: Lang, retryAfterSeconds: number): string {
  const s = TEXT[lang];
  return `<!doctype html>
<html lang="${lang}">
<head><meta charset="utf-8"><title>${escapeHtml(s.unavailableTitle)}</title><style>${STYLE}</style></head>
<body><h1>${escapeHtml(s.unavailableTitle)}</h1><p>${escapeHtml(s.unavailable(retryAfterSeconds))}</p></body>
</html>`;
}
