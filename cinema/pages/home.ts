/** Home: the film grid. A signed-in user sees which films are on their "Want to watch" list. */
import type { Film, SeedUser } from '../data/seed.ts';
import { formatDuration } from './format.ts';
import { html, type SafeHtml } from './html.ts';
import { layout } from './layout.ts';

export function posterStyle(film: Film): string {
  return `background: linear-gradient(135deg, ${film.poster[0]}, ${film.poster[1]})`;
}

function filmCard(film: Film, wanted: boolean): SafeHtml {
  return html`<li class="card" data-film-id="${film.id}">
    <a href="/films/${encodeURIComponent(film.id)}">
      <div class="poster" style="${posterStyle(film)}">
        <span class="poster-title">${film.title}</span>
        ${wanted ? html`<span class="badge">Хочу посмотреть</span>` : ''}
      </div>
      <div class="card-title">${film.title}</div>
      <div class="card-meta">${film.titleEn} · ${film.year} · ${formatDuration(film.durationSec)}</div>
    </a>
  </li>`;
}

export interface HomePageInput {
  films: readonly Film[];
  user: SeedUser | null;
  wantsToWatch(filmId: string): boolean;
}

export function homePage({ films, user, wantsToWatch }: HomePageInput): SafeHtml {
  const greeting = user
    ? html`<p class="lead">${user.name}, что посмотрим сегодня?</p>`
    : html`<p class="lead">Смотрите кино онлайн — одни или вместе с друзьями.</p>`;
  return layout({
    title: 'Фильмы',
    user,
    path: '/',
    body: html`<main class="home">
      <section class="hero">
        <h1>Фильмы</h1>
        ${greeting}
      </section>
      <ul class="grid">${films.map((f) => filmCard(f, user !== null && wantsToWatch(f.id)))}</ul>
    </main>`,
  });
}
