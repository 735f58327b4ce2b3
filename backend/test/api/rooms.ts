/** Creating rooms, invites, refusals, access and the join page. */
import { expect, test } from 'bun:test';
import type { RoomView } from '@kino/shared/http/rooms';
import { waitUntil } from '@kino/test-support/smtp-sink';
import { getRoomAccess } from '../../src/rooms/access.ts';
import { call } from '../support/http.ts';
import { linkPath, meta, type SuiteContext } from './context.ts';

export function roomTests(ctx: SuiteContext): void {
  test('create a room: 201, unguessable id, invite mails with the room’s working link', async () => {
    const before = (await ctx.env.delivered()).length;
    const res = await ctx.createRoom({
      filmId: 'night-train',
      invitees: ['boris', 'vera', 'boris'],
    });
    expect(res.status).toBe(201);
    const room = res.json;
    expect(room.id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(room).toMatchObject({
      filmId: 'night-train',
      filmTitle: 'Ночной поезд',
      ownerId: 'anna',
      owner: { id: 'anna', name: 'Анна' },
      invitees: [
        { id: 'boris', name: 'Борис' },
        { id: 'vera', name: 'Вера' },
      ],
      allowLinkJoin: false,
      closedAt: null,
      participants: [],
      playback: { playing: false, position: 0, rate: 1, seq: 0 },
    });
    expect(room.filmUrl).toBe(`${ctx.cinemaUrl}/films/night-train`);
    expect(room.joinUrl).toBe(`${ctx.env.deps.config.publicUrl}/join/${room.id}`);

    await waitUntil(
      async () => (await ctx.env.delivered()).length >= before + 2,
      5000,
      'two invite mails',
    );
    const mails = (await ctx.env.delivered()).slice(before);
    expect(mails.map((m) => m.to).sort()).toEqual(['boris@kino.example', 'vera@kino.example']);
    for (const mail of mails) {
      expect(mail.subject).toContain('Анна');
      expect(mail.subject).toContain('Ночной поезд');
      expect(mail.text).toContain('приглашает');
      expect(mail.text).toContain('invites you');
      // One link for everyone: who may join is decided by the signed-in account.
      const link = new RegExp(
        `${ctx.env.deps.config.publicUrl}/join/${room.id}(?=\\s|$)`,
        'm',
      ).exec(mail.text);
      expect(link).not.toBeNull();
      expect(mail.html).toContain(`href="${room.joinUrl}"`);
      const page = await call(ctx.app(), 'GET', linkPath(link![0]));
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toContain('text/html');
      expect(meta(page.text, 'kino-room')).toBe(room.id);
      expect(meta(page.text, 'kino-film-url')).toBe(room.filmUrl);
      expect(page.text).toContain('Firefox');
      expect(page.text).toContain('Chrome');
    }

    const asBoris = await call<RoomView>(ctx.app(), 'GET', `/api/rooms/${room.id}`, {
      token: ctx.boris,
    });
    expect(asBoris.status).toBe(200);
    expect(asBoris.json.joinUrl).toBe(room.joinUrl);
  });

  test('a non-friend invitee is refused, naming them, and nothing is stored or sent', async () => {
    const before = (await ctx.env.delivered()).length;
    const res = await ctx.createRoom({
      filmId: 'night-train',
      invitees: ['boris', 'dasha', 'nobody'],
    });
    expect(res.status).toBe(422);
    expect(res.json).toMatchObject({
      code: 'invitee_not_friend',
      details: { userIds: ['dasha', 'nobody'] },
    });
    expect(String(res.json.error)).toContain('dasha');
    await Bun.sleep(100);
    expect((await ctx.env.delivered()).length).toBe(before);
  });

  test('inviting yourself or an unknown film is refused', async () => {
    expect(
      (await ctx.createRoom({ filmId: 'night-train', invitees: ['anna'] })).json,
    ).toMatchObject({
      code: 'invitee_is_owner',
    });
    const unknown = await ctx.createRoom({ filmId: 'no-such-film', invitees: ['boris'] });
    expect(unknown.status).toBe(404);
    expect(unknown.json.code).toBe('film_not_found');
  });

  test('malformed bodies get a JSON 4xx', async () => {
    const bodies: [string, { body?: unknown; rawBody?: string }][] = [
      ['not JSON', { rawBody: '{"filmId": ' }],
      ['no filmId', { body: { invitees: ['boris'] } }],
      ['invitees not a list', { body: { filmId: 'night-train', invitees: 'boris' } }],
      ['number id', { body: { filmId: 42, invitees: [] } }],
      ['empty film id', { body: { filmId: '', invitees: [] } }],
      ['a JSON array', { rawBody: '[1,2]' }],
      [
        'an unknown field',
        { body: { filmId: 'night-train', invitees: ['boris'], allowLinkjoin: true } },
      ],
    ];
    for (const [label, opts] of bodies) {
      const res = await call(ctx.app(), 'POST', '/api/rooms', { token: ctx.anna, ...opts });
      expect({
        label,
        status: res.status >= 400 && res.status < 500,
        code: res.json?.code,
      }).toEqual({
        label,
        status: true,
        code: 'invalid_body',
      });
      expect(typeof res.json.error).toBe('string');
    }
  });

  test('room access: owner and invitees see it, a stranger gets 403, unknown 404', async () => {
    const room = (await ctx.createRoom({ filmId: 'night-train', invitees: ['boris'] })).json;
    expect(
      (await call(ctx.app(), 'GET', `/api/rooms/${room.id}`, { token: ctx.anna })).status,
    ).toBe(200);
    expect(
      (await call(ctx.app(), 'GET', `/api/rooms/${room.id}`, { token: ctx.boris })).status,
    ).toBe(200);
    const stranger = await call(ctx.app(), 'GET', `/api/rooms/${room.id}`, { token: ctx.dasha });
    expect(stranger.status).toBe(403);
    expect(stranger.json.code).toBe('room_forbidden');
    // Whom to ask: the owner's name and the film, as the join page shows them.
    expect(stranger.json.details).toEqual({
      owner: { id: 'anna', name: 'Анна' },
      filmTitle: 'Ночной поезд',
      closed: false,
    });
    const unknown = await call(ctx.app(), 'GET', '/api/rooms/AAAAAAAAAAAAAAAAAAAAAA', {
      token: ctx.anna,
    });
    expect(unknown.status).toBe(404);
    expect(unknown.json.code).toBe('room_not_found');

    expect(await getRoomAccess(ctx.env.deps.db, room.id, 'dasha')).toMatchObject({
      allowed: false,
      isOwner: false,
    });
    expect(await getRoomAccess(ctx.env.deps.db, room.id, 'boris')).toMatchObject({
      allowed: true,
      isInvitee: true,
    });
    expect(await getRoomAccess(ctx.env.deps.db, room.id, 'anna')).toMatchObject({
      allowed: true,
      isOwner: true,
    });
    expect(await getRoomAccess(ctx.env.deps.db, 'nope', 'anna')).toBeNull();
  });

  test('allowLinkJoin lets anyone signed in with the link in', async () => {
    const room = (
      await ctx.createRoom({ filmId: 'night-train', invitees: [], allowLinkJoin: true })
    ).json;
    expect(room.allowLinkJoin).toBe(true);
    expect(
      (await call(ctx.app(), 'GET', `/api/rooms/${room.id}`, { token: ctx.dasha })).status,
    ).toBe(200);
    expect(await getRoomAccess(ctx.env.deps.db, room.id, 'dasha')).toMatchObject({
      allowed: true,
      isInvitee: false,
    });
    // Its join page says so, instead of "only invited people may join".
    const page = await call(ctx.app(), 'GET', `/join/${room.id}`, {
      headers: { 'accept-language': 'en' },
    });
    expect(page.text).toContain('anyone with this link may join');
    expect(page.text).not.toContain('only invited people');
  });

  test('join page without the extension: the store of the visitor’s browser, developer help only in development', async () => {
    const room = (await ctx.createRoom({ filmId: 'night-train', invitees: ['vera'] })).json;
    const config = ctx.env.deps.config;
    const saved = { storeLinks: config.storeLinks, mode: config.mode };
    const chromeStore = 'https://chromewebstore.google.com/detail/kino-vmeste/abcdef';
    const amo = 'https://addons.mozilla.org/firefox/addon/kino-vmeste';
    const page = (userAgent: string, lang = 'en') =>
      call(ctx.app(), 'GET', `/join/${room.id}`, {
        headers: { 'user-agent': userAgent, 'accept-language': lang },
      });
    const chromeUa =
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36';
    const firefoxUa = 'Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0';
    try {
      config.storeLinks = { chrome: chromeStore, firefox: amo };
      const chrome = await page(chromeUa);
      expect(chrome.headers.get('vary')).toContain('User-Agent');
      expect(chrome.text).toContain(`class="store primary" href="${chromeStore}"`);
      expect(chrome.text).toContain(`href="${amo}"`);
      // This suite's backend runs in development mode: how to load the unpacked build too.
      expect(chrome.text).toContain('chrome://extensions');
      const firefox = await page(firefoxUa, 'ru');
      expect(firefox.text).toContain(`class="store primary" href="${amo}"`);
      expect(firefox.text).toContain('Установить с addons.mozilla.org');

      config.mode = 'production';
      for (const ua of [chromeUa, firefoxUa, '']) {
        const production = await page(ua);
        expect(production.text).not.toMatch(/chrome:\/\/extensions|about:debugging|Developer mode/);
        expect(production.text).toContain(`href="${chromeStore}"`);
        expect(production.text).toContain(`href="${amo}"`);
      }
      config.storeLinks = {};
      const unlinked = await page(chromeUa);
      expect(unlinked.text).toContain('find Kino Vmeste in the Chrome Web Store');
      expect(unlinked.text).not.toContain('<a class="store');
    } finally {
      Object.assign(config, saved);
    }
  });

  test('join page: English by Accept-Language, 404 page for unknown rooms, old invite tokens ignored', async () => {
    const room = (await ctx.createRoom({ filmId: 'night-train', invitees: ['vera'] })).json;
    const en = await call(ctx.app(), 'GET', `/join/${room.id}?invite=forged`, {
      headers: { 'accept-language': 'en-GB,en;q=0.9,ru;q=0.5' },
    });
    expect(en.status).toBe(200);
    expect(en.text).toContain('<html lang="en">');
    expect(en.text).toContain('invites you to watch');
    expect(en.text).not.toContain('forged');
    expect(en.text).toContain('kinoExtension');
    const ru = await call(ctx.app(), 'GET', `/join/${room.id}`);
    expect(ru.text).toContain('<html lang="ru">');
    const missing = await call(ctx.app(), 'GET', '/join/unknown-room');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toContain('text/html');
  });
}
