/** The page frame every cinema page shares: head, header with the signed-in user, footer. */
import type { SeedUser } from '../data/seed.ts';
import { html, type SafeHtml } from './html.ts';

export const SITE_NAME = 'Кинозал';

export interface LayoutInput {
  title: string;
  user: SeedUser | null;
  /** Where "Войти" should bring the user back to. */
  path: string;
  body: SafeHtml;
  /** More stylesheets after the site's own (e.g. the cinema player's). */
  stylesheets?: readonly string[];
}

function userBox(user: SeedUser | null, path: string): SafeHtml {
  if (!user) {
    return html`<a class="button button-ghost" href="/login?next=${encodeURIComponent(path)}">Войти</a>`;
  }
  return html`<span class="user" data-user-id="${user.id}">
      <span class="avatar" aria-hidden="true">${user.name.slice(0, 1)}</span>
      <span class="user-name">${user.name}</span>
    </span>
    <form class="logout" method="post" action="/logout">
      <button type="submit" class="link-button">Выйти</button>
    </form>`;
}

export function layout({ title, user, path, body, stylesheets = [] }: LayoutInput): SafeHtml {
  return html`<!doctype html>
<html lang="ru">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>${title} — ${SITE_NAME}</title>
    <link rel="icon" href="data:,">
    <link rel="stylesheet" href="/static/style.css">
    ${stylesheets.map((href) => html`<link rel="stylesheet" href="${href}">`)}
  </head>
  <body>
    <header class="site-header">
      <a class="logo" href="/">▶ ${SITE_NAME}</a>
      <nav class="nav"><a href="/">Фильмы</a></nav>
      <div class="session">${userBox(user, path)}</div>
    </header>
    ${body}
    <footer class="site-footer">
      ${SITE_NAME} — демо-кинотеатр проекта «Кино Вместе» · demo cinema for Kino Vmeste
    </footer>
  </body>
</html>`;
}
