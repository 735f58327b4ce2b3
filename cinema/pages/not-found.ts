import type { SeedUser } from '../data/seed.ts';
import { html, type SafeHtml } from './html.ts';
import { layout } from './layout.ts';

export function notFoundPage(user: SeedUser | null, path: string): SafeHtml {
  return layout({
    title: 'Не найдено',
    user,
    path,
    body: html`<main class="not-found">
      <h1>404</h1>
      <p>Такой страницы нет. · Page not found.</p>
      <p><a class="button" href="/">К фильмам</a></p>
    </main>`,
  });
}
