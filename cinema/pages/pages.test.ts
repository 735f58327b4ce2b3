import { describe, expect, test } from 'bun:test';
import { SEED_FILMS } from '../data/seed.ts';
import { filmPage } from './film.ts';
import { formatDuration, safeNextPath } from './format.ts';
import { escapeHtml, html } from './html.ts';

describe('html', () => {
  test('escapes interpolated text but not nested SafeHtml', () => {
    const name = '<script>alert("x")</script>';
    const out = html`<p title="${name}">${html`<b>${name}</b>`}</p>`.value;
    expect(out).toBe(
      '<p title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"><b>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</b></p>',
    );
  });

  test('renders arrays and drops null, undefined and false', () => {
    expect(html`${['a', '&']}${null}${undefined}${false}${0}`.value).toBe('a&amp;0');
    expect(escapeHtml(`'`)).toBe('&#39;');
  });
});

describe('format helpers', () => {
  test('formatDuration', () => {
    expect(formatDuration(120)).toBe('2 мин');
    expect(formatDuration(90)).toBe('1 мин 30 с');
    expect(formatDuration(45)).toBe('45 с');
  });

  test('safeNextPath keeps local paths only', () => {
    expect(safeNextPath('/films/night-train')).toBe('/films/night-train');
    expect(safeNextPath('//evil.example/')).toBe('/');
    expect(safeNextPath('/\\evil.example')).toBe('/');
    expect(safeNextPath('https://evil.example/')).toBe('/');
    expect(safeNextPath(null)).toBe('/');
  });
});

describe('filmPage', () => {
  test('escapes film data in the markup the extension reads', () => {
    const base = SEED_FILMS[0]!;
    const film = { ...base, id: 'x"y', title: '<Кино & Co>' };
    const playback = { kind: 'native', src: '/media/x%22y.webm' } as const;
    const out = filmPage({ film, user: null, wanted: false, playback }).value;
    expect(out).toContain('data-film-id="x&quot;y"');
    expect(out).toContain('src="/media/x%22y.webm"');
    expect(out).toContain('&lt;Кино &amp; Co&gt;');
    expect(out).not.toContain('<Кино');
  });
});
