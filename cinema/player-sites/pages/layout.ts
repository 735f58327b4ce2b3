/**
 * The frame of every page of «Экран», the third-party film site: a sticky header (which an
 * overlay must not cover), a canonical URL and a title per page, like a real site has.
 */
import { html, type SafeHtml } from '../../pages/html.ts';

export const SITE_NAME = 'Экран';

export interface SitePageInput {
  /** The page's <title> (and og:title). */
  title: string;
  /** Absolute canonical URL, without query or hash (none on an error page). */
  canonical: string | null;
  head?: SafeHtml;
  body: SafeHtml;
  nav: readonly { path: string; label: string }[];
}

const STYLE = html`<style>
  body { margin: 0; font: 16px/1.5 system-ui, "DejaVu Sans", sans-serif; background: #f4f1ea; color: #1c1c1c; }
  .site-header { position: sticky; top: 0; z-index: 20; display: flex; gap: 20px; align-items: center;
    padding: 12px 24px; background: #1c1c1c; color: #fff; flex-wrap: wrap; }
  .site-header a { color: #ffd27a; text-decoration: none; font-size: 14px; }
  .site-header .site-logo { font-weight: 800; font-size: 20px; color: #fff; }
  main { max-width: 960px; margin: 24px auto; padding: 0 16px; }
  .film-player { background: #000; }
  .film-player video, .film-player video-js, .film-player media-controller { width: 100%; aspect-ratio: 16 / 9; display: block; }
  .film-meta { color: #666; }
  .layout-with-aside { display: grid; grid-template-columns: 1fr 320px; gap: 20px; align-items: start; }
  .aside-preview video { width: 320px; height: 180px; display: block; background: #000; }
  .swap-stage video { width: 100%; aspect-ratio: 16 / 9; display: block; background: #000; }
  .swap-bar { display: flex; gap: 12px; align-items: center; padding: 8px 0; }
  .swap-player[data-phase="ad"] .swap-ad-label { display: inline-block; }
  .swap-ad-label { display: none; background: #f5c518; padding: 2px 8px; font-weight: 700; }
</style>`;

export function sitePage({ title, canonical, head, body, nav }: SitePageInput): SafeHtml {
  return html`<!doctype html>
<html lang="ru">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>${title}</title>
    ${
      canonical
        ? html`<link rel="canonical" href="${canonical}">
    <meta property="og:url" content="${canonical}">`
        : ''
    }
    <meta property="og:title" content="${title}">
    <link rel="icon" href="data:,">
    ${STYLE}
    ${head ?? ''}
  </head>
  <body>
    <header class="site-header">
      <a class="site-logo" href="/">■ ${SITE_NAME}</a>
      ${nav.map((item) => html`<a href="${item.path}">${item.label}</a>`)}
    </header>
    <main>${body}</main>
  </body>
</html>`;
}
