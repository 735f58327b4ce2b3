/** Rooms for any film page (not a film of the cinema): what is accepted, what is refused. */
import { expect, test } from 'bun:test';
import { waitUntil } from '@kino/test-support/smtp-sink';
import { pageFilmId } from '../../src/rooms/film-of-request.ts';
import { call } from '../support/http.ts';
import { linkPath, meta, type SuiteContext } from './context.ts';

const PAGE = 'http://localhost:3001/watch/plyr';

export function pageRoomTests(ctx: SuiteContext): void {
  test('all friends are offered for a page the cinema does not know', async () => {
    const res = await call<{ matches: { id: string }[] }>(ctx.app(), 'GET', '/api/friends', {
      token: ctx.anna,
    });
    expect(res.status).toBe(200);
    expect(res.json.matches.map((m) => m.id).sort()).toEqual(['boris', 'gleb', 'vera']);
    expect((await call(ctx.app(), 'GET', '/api/friends')).status).toBe(401);
  });

  test('a room for a page: its address and title are the film, the invite opens the page', async () => {
    const res = await ctx.createRoom({
      page: { url: PAGE, title: '  Первый снег\n— Plyr · «Экран» <b>' },
      invitees: ['gleb'],
    });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({
      filmId: pageFilmId(PAGE),
      filmTitle: 'Первый снег — Plyr · «Экран» <b>',
      filmUrl: PAGE,
      invitees: [{ id: 'gleb', name: 'Глеб' }],
    });
    expect(res.json.filmId).toMatch(/^page:[0-9a-f]{32}$/);
    // Earlier tests' mails may still be arriving: find this room's own.
    const ours = async () =>
      (await ctx.env.delivered()).find((m) => m.text.includes(`/join/${res.json.id}`));
    await waitUntil(async () => (await ours()) !== undefined, 5000, "Gleb's invite");
    const mail = (await ours())!;
    expect(mail.to).toBe('gleb@kino.example');
    expect(mail.subject).toContain('Первый снег');
    expect(mail.html).not.toContain('<b>');
    const link = /http\S+\/join\/[A-Za-z0-9_-]+/.exec(mail.text)![0];
    const page = await call(ctx.app(), 'GET', linkPath(link));
    expect(meta(page.text, 'kino-film-url')).toBe(PAGE);
    expect(page.text).not.toContain('<b>');
  });

  test('page addresses that are not plain http(s) pages are refused, naming why', async () => {
    const cases: [unknown, string][] = [
      [{ url: 'javascript:alert(1)', title: 'x' }, 'http or https'],
      [{ url: 'file:///etc/passwd', title: 'x' }, 'http or https'],
      [{ url: 'https://anna:secret@example.com/film', title: 'x' }, 'user name or password'],
      [{ url: `${PAGE}#kino-room=abc`, title: 'x' }, '#fragment'],
      [{ url: '/watch/plyr', title: 'x' }, 'absolute URL'],
    ];
    for (const [page, why] of cases) {
      const res = await ctx.createRoom({ page, invitees: [] });
      expect(res.status).toBe(422);
      expect(res.json.code).toBe('invalid_body');
      expect(res.json.error).toContain(why);
    }
    for (const body of [
      { page: { url: `https://e.com/${'a'.repeat(2048)}`, title: 'x' }, invitees: [] },
      { page: { url: 'https://e.com/ a', title: 'x' }, invitees: [] },
      { page: { url: PAGE, title: 'x'.repeat(301) }, invitees: [] },
      { page: { url: PAGE, title: 'x', extra: 1 }, invitees: [] },
      { page: { url: PAGE }, invitees: [] },
      { filmId: 'night-train', page: { url: PAGE, title: 'x' }, invitees: [] },
      { invitees: [] },
    ]) {
      const res = await ctx.createRoom(body);
      expect(res.status).toBe(422);
      expect(res.json.code).toBe('invalid_body');
    }
  });

  test('a page without a title is named by its host; a long one is cut', async () => {
    const bare = await ctx.createRoom({ page: { url: PAGE, title: ' \u200B ' }, invitees: [] });
    expect(bare.status).toBe(201);
    expect(bare.json.filmTitle).toBe('localhost:3001');
    const long = await ctx.createRoom({
      page: { url: PAGE, title: 'я'.repeat(300) },
      invitees: [],
    });
    expect(long.json.filmTitle).toBe('я'.repeat(200));
  });
}
