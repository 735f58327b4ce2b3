/** The sign-in form. It posts a plain form to /login, so it works without JavaScript. */
import type { SeedUser } from '../data/seed.ts';
import { html, type SafeHtml } from './html.ts';
import { layout } from './layout.ts';

export interface LoginPageInput {
  next: string;
  user: SeedUser | null;
  error?: string;
  login?: string;
}

export function loginPage({ next, user, error, login }: LoginPageInput): SafeHtml {
  return layout({
    title: 'Вход',
    user,
    path: next,
    body: html`<main class="login">
      <form class="login-form" method="post" action="/login">
        <h1>Вход · Sign in</h1>
        ${error ? html`<p class="form-error" role="alert">${error}</p>` : ''}
        <label>Логин · Login
          <input name="login" autocomplete="username" required value="${login ?? ''}" autofocus>
        </label>
        <label>Пароль · Password
          <input name="password" type="password" autocomplete="current-password" required>
        </label>
        <input type="hidden" name="next" value="${next}">
        <button class="button" type="submit">Войти</button>
        <p class="hint">Демо-пользователи: anna, boris, vera, gleb, dasha — пароль <code>kino</code>.</p>
      </form>
    </main>`,
  });
}
