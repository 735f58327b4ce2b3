import { expect, test } from 'bun:test';
import {
  canonicalPageUrl,
  checkFilmPageUrl,
  FILM_PAGE_TITLE_MAX_LENGTH,
  FILM_PAGE_URL_MAX_LENGTH,
  normalizeFilmPageTitle,
} from './film-page';

test('page addresses: http(s), no credentials, no fragment, bounded', () => {
  expect(checkFilmPageUrl('http://localhost:3001/watch/plyr')).toEqual({
    ok: true,
    url: 'http://localhost:3001/watch/plyr',
  });
  expect(checkFilmPageUrl('HTTPS://Example.COM/a b?x=1')).toEqual({
    ok: true,
    url: 'https://example.com/a%20b?x=1',
  });
  expect(checkFilmPageUrl('javascript:alert(1)')).toEqual({ ok: false, reason: 'scheme' });
  expect(checkFilmPageUrl('file:///etc/passwd')).toEqual({ ok: false, reason: 'scheme' });
  expect(checkFilmPageUrl('data:text/html,x')).toEqual({ ok: false, reason: 'scheme' });
  expect(checkFilmPageUrl('/watch/plyr')).toEqual({ ok: false, reason: 'invalid' });
  expect(checkFilmPageUrl('https://user:pw@example.com/')).toEqual({
    ok: false,
    reason: 'credentials',
  });
  expect(checkFilmPageUrl('https://user@example.com/')).toEqual({
    ok: false,
    reason: 'credentials',
  });
  expect(checkFilmPageUrl('https://example.com/#kino-room=x')).toEqual({
    ok: false,
    reason: 'fragment',
  });
  expect(checkFilmPageUrl('https://example.com/#')).toEqual({ ok: false, reason: 'fragment' });
  const long = `https://example.com/${'a'.repeat(FILM_PAGE_URL_MAX_LENGTH)}`;
  expect(checkFilmPageUrl(long)).toEqual({ ok: false, reason: 'length' });
  // Percent-encoding can make a short string long: the serialised form is what is bounded.
  const grows = `https://example.com/${'я'.repeat(FILM_PAGE_URL_MAX_LENGTH / 2)}`;
  expect(checkFilmPageUrl(grows)).toEqual({ ok: false, reason: 'length' });
});

test('page titles: visible text only, one line, cut at the limit', () => {
  expect(normalizeFilmPageTitle('  Долгая\tдорога \n— «Экран»  ')).toBe('Долгая дорога — «Экран»');
  expect(normalizeFilmPageTitle('a\u0000b\u200Bc\u202Ed')).toBe('a b c d');
  expect(normalizeFilmPageTitle(' \u200B\u2028 ')).toBe('');
  expect(normalizeFilmPageTitle('x'.repeat(500))).toHaveLength(FILM_PAGE_TITLE_MAX_LENGTH);
  // A cut never leaves half of a surrogate pair behind.
  const emoji = `${'x'.repeat(FILM_PAGE_TITLE_MAX_LENGTH - 1)}😍`;
  expect(normalizeFilmPageTitle(emoji)).toBe('x'.repeat(FILM_PAGE_TITLE_MAX_LENGTH - 1));
  expect(normalizeFilmPageTitle('\uD800 lone')).toBe('\uFFFD lone');
});

test('canonical address: same origin only, fragment dropped', () => {
  const here = 'http://localhost:3001/watch/plyr?t=5#kino-room=abc';
  expect(canonicalPageUrl(here, 'http://localhost:3001/watch/plyr')).toBe(
    'http://localhost:3001/watch/plyr',
  );
  expect(canonicalPageUrl(here, '/watch/plyr#top')).toBe('http://localhost:3001/watch/plyr');
  expect(canonicalPageUrl(here, 'https://elsewhere.example/watch')).toBe(
    'http://localhost:3001/watch/plyr?t=5',
  );
  expect(canonicalPageUrl(here, null)).toBe('http://localhost:3001/watch/plyr?t=5');
  expect(canonicalPageUrl('http://u:p@localhost:3001/x', null)).toBeNull();
});
