/** The HTML site: home, film pages, the sign-in form, sign-out and the stylesheet. */
import { join } from 'node:path';
import { issueToken, readSession } from '../auth/session.ts';
import type { CinemaContext } from '../context.ts';
import { parseCredentials, parseForm, readSmallBody } from '../http/body.ts';
import { clearedSessionCookie, sessionCookie } from '../http/cookies.ts';
import type { Routes } from '../http/routes.ts';
import { filmPage } from '../pages/film.ts';
import { safeNextPath } from '../pages/format.ts';
import { homePage } from '../pages/home.ts';
import { htmlResponse } from '../pages/html.ts';
import { loginPage } from '../pages/login.ts';
import { notFoundPage } from '../pages/not-found.ts';
import { playbackFor } from '../pages/playback.ts';

const STYLESHEET = join(import.meta.dir, '..', 'public', 'style.css');

function redirect(location: string, cookie?: string): Response {
  const headers = new Headers({ Location: location });
  if (cookie) headers.set('Set-Cookie', cookie);
  return new Response(null, { status: 303, headers });
}

export function siteRoutes(ctx: CinemaContext): Routes {
  const userOf = async (req: Request) => (await readSession(req, ctx))?.user ?? null;

  return {
    '/': {
      async GET(req) {
        const user = await userOf(req);
        const films = ctx.directory.listFilms();
        const wantsToWatch = (filmId: string) =>
          user !== null && ctx.directory.wantsToWatch(user.id, filmId);
        return htmlResponse(homePage({ films, user, wantsToWatch }));
      },
    },
    '/films/:id': {
      async GET(req) {
        const user = await userOf(req);
        const film = ctx.directory.findFilm(req.params.id ?? '');
        if (!film) return htmlResponse(notFoundPage(user, new URL(req.url).pathname), 404);
        const wanted = user !== null && ctx.directory.wantsToWatch(user.id, film.id);
        const requested = new URL(req.url).searchParams.get('stream');
        const playback = playbackFor(film, ctx.hls, requested);
        return htmlResponse(filmPage({ film, user, wanted, playback }));
      },
    },
    '/login': {
      async GET(req) {
        const next = safeNextPath(new URL(req.url).searchParams.get('next'));
        return htmlResponse(loginPage({ next, user: await userOf(req) }));
      },
      async POST(req) {
        const body = await readSmallBody(req);
        const form = body.ok ? parseForm(body.value) : {};
        const next = safeNextPath(form.next);
        const again = (status: number, error: string) =>
          htmlResponse(loginPage({ next, user: null, error, login: form.login }), status);
        if (!body.ok) return again(400, 'Слишком длинный запрос. · Request too large.');
        const creds = parseCredentials(form);
        if (!creds.ok) return again(400, 'Введите логин и пароль. · Enter login and password.');
        const user = await ctx.directory.checkPassword(creds.value.login, creds.value.password);
        if (!user) return again(401, 'Неверный логин или пароль. · Wrong login or password.');
        return redirect(next, sessionCookie(await issueToken(user, ctx)));
      },
    },
    '/logout': {
      POST: () => redirect('/', clearedSessionCookie()),
    },
    '/static/style.css': {
      GET: () =>
        new Response(Bun.file(STYLESHEET), {
          headers: { 'Content-Type': 'text/css; charset=utf-8' },
        }),
    },
  };
}
