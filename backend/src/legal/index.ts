/**
 * GET /privacy — the privacy policy the store listings link to, in Russian or English
 * (`?lang=ru|en`, else the browser's Accept-Language, else Russian).
 */
import { Elysia, t } from 'elysia';
import { type Lang, pickLanguage } from '../join/language.ts';
import { type PolicyFacts, renderPrivacyPage } from './page.ts';

export function legalController(facts: PolicyFacts) {
  // One page per language; the text only changes with a release.
  const pages: Record<Lang, string> = {
    ru: renderPrivacyPage('ru', facts),
    en: renderPrivacyPage('en', facts),
  };
  return new Elysia().get(
    '/privacy',
    ({ query, headers }) => {
      const lang =
        query.lang === 'ru' || query.lang === 'en'
          ? query.lang
          : pickLanguage(headers['accept-language']);
      return new Response(pages[lang], {
        headers: {
          'content-type': 'text/html; charset=utf-8',
          'content-language': lang,
          'cache-control': 'public, max-age=3600',
          vary: 'Accept-Language',
        },
      });
    },
    {
      // An unknown language is not an error: the page falls back to the browser's.
      query: t.Object({ lang: t.Optional(t.String({ maxLength: 16 })) }),
      detail: { summary: 'Privacy policy (HTML, ru/en)', tags: ['legal'] },
    },
  );
}
