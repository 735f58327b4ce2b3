/**
 * One spelling of the product's Russian name everywhere users read it: the overlay,
 * the store listing, e-mails, the join page and the demo cinema. «Кино Вместе», both
 * words capitalised, like "Kino Vmeste".
 */
import { expect, test } from 'bun:test';
import { join } from 'node:path';
import { Glob } from 'bun';

const ROOT = join(import.meta.dir, '../../..');
const WHERE_USERS_READ = [
  'extension/src/**/*.{ts,tsx}',
  'extension/public/_locales/**/*.json',
  'backend/src/**/*.ts',
  'scripts/cinema/**/*.ts',
  '*.md',
  'extension/*.md',
];
/** Any other spelling of the two words: lower-case, hyphenated, Latin look-alikes… */
const MISSPELT = /Кино[\s-]+вместе|кино[\s-]+Вместе|КИНО[\s-]+ВМЕСТЕ|Кино-Вместе/;

test('the Russian product name is spelt «Кино Вместе» everywhere', async () => {
  const offenders: string[] = [];
  for (const pattern of WHERE_USERS_READ) {
    for await (const path of new Glob(pattern).scan({ cwd: ROOT })) {
      if (path.includes('node_modules') || path.endsWith('product-name.test.ts')) continue;
      const text = await Bun.file(join(ROOT, path)).text();
      text.split('\n').forEach((line, i) => {
        if (MISSPELT.test(line)) offenders.push(`${path}:${i + 1}: ${line.trim()}`);
      });
    }
  }
  expect(offenders).toEqual([]);
});
