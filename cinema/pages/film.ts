/**
 * The film page. Its markup is a contract with the extension's site adapter
 * (ARCHITECTURE.md "Demo cinema"): main.film[data-film-id], .player > video#player,
 * and a .film-actions row under the player where the extension adds its button.
 */
import type { Film, SeedUser } from '../data/seed.ts';
import { cinemaPlayer } from './cinema-player.ts';
import { formatDuration } from './format.ts';
import { posterStyle } from './home.ts';
import { html, type SafeHtml } from './html.ts';
import { layout } from './layout.ts';
import type { Playback } from './playback.ts';

export interface FilmPageInput {
  film: Film;
  user: SeedUser | null;
  wanted: boolean;
  playback: Playback;
}

function player(playback: Playback): SafeHtml {
  if (playback.kind === 'cinema') return cinemaPlayer(playback);
  return html`<div class="player">
        <video id="player" src="${playback.src}" controls preload="auto"></video>
      </div>`;
}

export function filmPage({ film, user, wanted, playback }: FilmPageInput): SafeHtml {
  const path = `/films/${encodeURIComponent(film.id)}`;
  const listState = wanted
    ? html`<span class="badge badge-on">✓ В списке «Хочу посмотреть»</span>`
    : '';
  return layout({
    title: film.title,
    user,
    path,
    stylesheets: playback.kind === 'cinema' ? ['/static/player.css'] : [],
    body: html`<main class="film" data-film-id="${film.id}">
      ${player(playback)}
      <div class="film-actions">${listState}</div>
      <section class="film-info">
        <div class="poster poster-small" style="${posterStyle(film)}" aria-hidden="true">
          <span class="poster-title">${film.title}</span>
        </div>
        <div>
          <h1 class="film-title">${film.title}</h1>
          <p class="film-subtitle">${film.titleEn}</p>
          <p class="film-meta">${film.year} · ${formatDuration(film.durationSec)}</p>
          <p class="film-description">${film.description}</p>
          <p class="film-description film-description-en" lang="en">${film.descriptionEn}</p>
        </div>
      </section>
    </main>`,
  });
}
