import { describe, expect, test } from 'bun:test';
import { renderJoinPage, renderRoomNotFoundPage } from './page.ts';

const data = {
  roomId: 'R00m_id-xyz',
  filmTitle: 'Ночной поезд',
  filmUrl: 'http://localhost:3000/films/night-train',
  ownerName: 'Анна',
  allowLinkJoin: false,
  closed: false,
};

const meta = (html: string, name: string) =>
  new RegExp(`<meta name="${name}" content="([^"]*)">`).exec(html)?.[1];

describe('join page', () => {
  test('carries the meta tags the extension reads', () => {
    const html = renderJoinPage(data, 'ru');
    expect(meta(html, 'kino-room')).toBe('R00m_id-xyz');
    expect(meta(html, 'kino-film-url')).toBe('http://localhost:3000/films/night-train');
    // The room is all the hand-over needs: the server admits by the signed-in account.
    expect(html).not.toContain('kino-invite');
  });

  test('explains, in the chosen language, and where to install for Chrome and Firefox', () => {
    const ru = renderJoinPage(data, 'ru');
    expect(ru).toContain('Анна зовёт вас смотреть «Ночной поезд» вместе');
    expect(ru).toContain('Расширение не установлено');
    expect(ru).toContain('Chrome Web Store');
    expect(ru).toContain('addons.mozilla.org');
    expect(ru).toContain("dataset.kinoExtension==='1'");
    const en = renderJoinPage(data, 'en');
    expect(en).toContain('Анна invites you to watch &quot;Ночной поезд&quot; together');
    expect(en).toContain('Install it, then open this link again.');
    // Developer-mode help is the controller's choice (development only), not the default.
    expect(en).not.toContain('chrome://extensions');
  });

  test('the install help is the visitor’s: their store linked first', () => {
    const html = renderJoinPage(data, 'en', {
      browser: { store: 'firefox', mobile: false },
      storeLinks: { firefox: 'https://addons.mozilla.org/firefox/addon/kino-vmeste' },
      developerMode: false,
    });
    const help = html.slice(html.indexOf('id="kino-install"'));
    expect(help).toContain(
      'class="store primary" href="https://addons.mozilla.org/firefox/addon/kino-vmeste"',
    );
  });

  test('who may join: only the invited, or anyone with the link when the owner allowed it', () => {
    for (const lang of ['ru', 'en'] as const) {
      const invitedOnly = renderJoinPage(data, lang);
      const linkRoom = renderJoinPage({ ...data, allowLinkJoin: true }, lang);
      expect(invitedOnly).toMatch(lang === 'ru' ? /только приглашённых/ : /only invited people/);
      expect(linkRoom).toMatch(
        lang === 'ru' ? /любой, у кого есть ссылка/ : /anyone with this link/,
      );
      expect(linkRoom).not.toMatch(/только приглашённых|only invited people/);
    }
  });

  test('a closed room says so and does not hand over', () => {
    const html = renderJoinPage({ ...data, closed: true }, 'en');
    expect(html).toContain('This room has been closed.');
    expect(html).not.toContain('<script>');
  });

  test('text from the room is escaped', () => {
    const html = renderJoinPage(
      { ...data, ownerName: '<img src=x onerror=alert(1)>', filmUrl: 'http://x/"><script>' },
      'ru',
    );
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('content="http://x/&quot;&gt;&lt;script&gt;"');
  });

  test('not-found page in both languages', () => {
    expect(renderRoomNotFoundPage('ru')).toContain('Такой комнаты нет');
    expect(renderRoomNotFoundPage('en')).toContain('There is no such room');
  });
});
