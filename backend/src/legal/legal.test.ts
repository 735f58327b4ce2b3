import { describe, expect, test } from 'bun:test';
import { TRANSMITTED_DATA } from '../../../extension/data-collection.ts';
import { legalController } from './index.ts';
import { contactAddress, renderPrivacyPage } from './page.ts';
import { POLICY } from './policy.ts';

const app = legalController({
  mailFrom: 'Кино Вместе <privacy@kino.example>',
  roomIdleTtlSeconds: 1800,
});
const get = (path: string, headers: Record<string, string> = {}) =>
  app.handle(new Request(`http://localhost${path}`, { headers }));

describe('GET /privacy', () => {
  test('Russian by default, as HTML the browser caches for an hour', async () => {
    const response = await get('/privacy');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-language')).toBe('ru');
    expect(response.headers.get('cache-control')).toBe('public, max-age=3600');
    const html = await response.text();
    expect(html).toContain('<html lang="ru">');
    expect(html).toContain('Политика конфиденциальности «Кино Вместе»');
    expect(html).toContain('privacy@kino.example');
    expect(html).toContain('через 30 мин без участников');
  });

  test('the browser’s language picks English; ?lang= wins over it', async () => {
    const english = await get('/privacy', { 'accept-language': 'en-GB,en;q=0.9' });
    expect(english.headers.get('content-language')).toBe('en');
    expect(await english.text()).toContain('Kino Vmeste privacy policy');
    const asked = await get('/privacy?lang=ru', { 'accept-language': 'en' });
    expect(asked.headers.get('content-language')).toBe('ru');
    const link = await get('/privacy?lang=en', { 'accept-language': 'ru' });
    expect(link.headers.get('content-language')).toBe('en');
  });

  test('an unknown ?lang= falls back to the browser’s language; an oversized one is refused', async () => {
    const unknown = await get('/privacy?lang=de', { 'accept-language': 'en-US' });
    expect(unknown.status).toBe(200);
    expect(unknown.headers.get('content-language')).toBe('en');
    expect((await get(`/privacy?lang=${'x'.repeat(100)}`)).status).not.toBe(200);
  });

  test('each language links to the other', async () => {
    expect(await (await get('/privacy?lang=ru')).text()).toContain(
      '<a href="?lang=en" hreflang="en">English version</a>',
    );
    expect(await (await get('/privacy?lang=en')).text()).toContain(
      '<a href="?lang=ru" hreflang="ru">Русская версия</a>',
    );
  });
});

describe('the policy text', () => {
  test('says how long an empty room is kept, from the deployment’s setting', () => {
    const html = renderPrivacyPage('en', { mailFrom: 'a@b.c', roomIdleTtlSeconds: 7200 });
    expect(html).toContain('after 120 minutes without members');
    expect(html).not.toContain('{idleMinutes}');
  });

  test('explains every data category the Firefox build declares, in both languages', () => {
    const declared = Object.keys(TRANSMITTED_DATA).sort();
    for (const lang of ['ru', 'en'] as const) {
      expect(Object.keys(POLICY[lang].transmitted).sort()).toEqual(declared);
      for (const { label, text } of Object.values(POLICY[lang].transmitted)) {
        expect(label.length).toBeGreaterThan(3);
        expect(text.length).toBeGreaterThan(40);
      }
    }
  });

  test('both languages have the same sections, none empty', () => {
    expect(POLICY.ru.sections.length).toBe(POLICY.en.sections.length);
    POLICY.ru.sections.forEach((section, i) => {
      expect(section.paragraphs.length).toBe(POLICY.en.sections[i]!.paragraphs.length);
      for (const text of [...section.paragraphs, ...POLICY.en.sections[i]!.paragraphs]) {
        expect(text.trim().length).toBeGreaterThan(20);
      }
    });
  });

  test('the contact comes from MAIL_FROM and is escaped like everything else', () => {
    expect(contactAddress('Кино Вместе <no-reply@kino.example>')).toBe('no-reply@kino.example');
    expect(contactAddress(' privacy@kino.example ')).toBe('privacy@kino.example');
    const html = renderPrivacyPage('en', {
      mailFrom: '<script>alert(1)</script>',
      roomIdleTtlSeconds: 1800,
    });
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });
});
