import { expect, test } from 'bun:test';
import { pickLanguage } from './language.ts';

test.each([
  [undefined, 'ru'],
  ['', 'ru'],
  ['en-US,en;q=0.9', 'en'],
  ['ru-RU,ru;q=0.9,en;q=0.8', 'ru'],
  ['ru;q=0.3,en;q=0.7', 'en'],
  ['de-DE,en;q=0.5', 'en'],
  ['de-DE,fr;q=0.5', 'ru'],
  ['en;q=0,ru;q=0.1', 'ru'],
] as const)('Accept-Language %p → %s', (header, lang) => {
  expect(pickLanguage(header)).toBe(lang);
});
