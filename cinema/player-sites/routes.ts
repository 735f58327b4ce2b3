/**
 * «Экран»'s routes: the index, one film page per player, the players' dist files, the
 * bundled page scripts and the same media the cinema serves (HLS streams and clips).
 */
import { SEED_FILMS } from '../data/seed.ts';
import { jsonError } from '../http/json.ts';
import type { Routes } from '../http/routes.ts';
import type { HlsLibrary } from '../media/hls/library.ts';
import type { MediaLibrary } from '../media/library.ts';
import { formatDuration } from '../pages/format.ts';
import { html, htmlResponse } from '../pages/html.ts';
import { AD_STREAM_ID, progressivePath } from '../pages/playback.ts';
import { streamRoutes } from '../routes/media.ts';
import { bundle, isBundle } from './bundles.ts';
import { findPlayerPage, PLAYER_PAGES, type PlayerPage } from './pages/catalog.ts';
import { SITE_NAME, sitePage } from './pages/layout.ts';
import { serveVendor } from './vendor.ts';

export interface PlayerSitesContext {
  hls: HlsLibrary;
  media: MediaLibrary;
}

const NAV = PLAYER_PAGES.map((p) => ({ path: `/watch/${p.id}`, label: p.player }));

function filmOf(page: PlayerPage) {
  const film = SEED_FILMS.find((f) => f.id === page.filmId);
  if (!film) throw new Error(`player page ${page.id}: unknown film ${page.filmId}`);
  return film;
}

function notFound(): Response {
  return htmlResponse(
    sitePage({
      title: `Не найдено · Not found — ${SITE_NAME}`,
      canonical: null,
      nav: NAV,
      body: html`<h1>404</h1><p>Такой страницы нет · No such page.</p>`,
    }),
    404,
  );
}

function indexPage(origin: string): Response {
  const rows = PLAYER_PAGES.map(
    (p) =>
      html`<li><a href="/watch/${p.id}">${filmOf(p).title} · ${p.player}</a> — ${p.exercises}</li>`,
  );
  return htmlResponse(
    sitePage({
      title: `${SITE_NAME} — фильмы онлайн · films online`,
      canonical: `${origin}/`,
      nav: NAV,
      body: html`<h1>${SITE_NAME}</h1>
        <p>Сторонний кинотеатр с настоящими плеерами · A third-party film site with real players.</p>
        <ul class="player-pages">${rows}</ul>`,
    }),
  );
}

function playerPage(page: PlayerPage, ctx: PlayerSitesContext, origin: string): Response {
  const film = filmOf(page);
  const markup = page.markup({
    hls: ctx.hls.masterPath(film.id),
    ad: ctx.hls.masterPath(AD_STREAM_ID),
    webm: progressivePath,
  });
  return htmlResponse(
    sitePage({
      title: `${film.title} (${film.year}) — смотреть онлайн — ${SITE_NAME}`,
      canonical: `${origin}/watch/${page.id}`,
      head: markup.head,
      nav: NAV,
      body: html`<article class="film" data-player="${page.id}">
        ${markup.body}
        <h1 class="film-title">${film.title} · ${film.titleEn}</h1>
        <p class="film-meta">${film.year} · ${formatDuration(film.durationSec)} · ${page.player}</p>
        <p>${film.description}</p>
      </article>`,
    }),
  );
}

export function playerSitesRoutes(ctx: PlayerSitesContext): Routes {
  return {
    '/': { GET: (req) => indexPage(new URL(req.url).origin) },
    '/watch/:id': {
      GET(req) {
        const page = findPlayerPage(req.params.id ?? '');
        return page ? playerPage(page, ctx, new URL(req.url).origin) : notFound();
      },
    },
    '/vendor/:package/:file': {
      async GET(req) {
        const found = await serveVendor(`${req.params.package}/${req.params.file}`);
        return found ?? jsonError(404, 'No such vendor file');
      },
    },
    '/assets/:file': {
      async GET(req) {
        const name = req.params.file ?? '';
        if (!isBundle(name)) return jsonError(404, 'No such asset');
        return new Response(await bundle(name), {
          headers: { 'Content-Type': 'text/javascript; charset=utf-8' },
        });
      },
    },
    ...streamRoutes(ctx),
  };
}

export { notFound as playerSitesNotFound };
