/**
 * Words users read, the same everywhere: the overlay, the store listing, e-mails, the
 * join page and the demo cinema. The product is «Кино Вместе», both words capitalised
 * like "Kino Vmeste"; the owner of a room is «ведущий».
 */
import { expect, test } from 'bun:test';
import { join } from 'node:path';
import { Glob } from 'bun';

const ROOT = join(import.meta.dir, '../../..');
const WHERE_USERS_READ = [
  'extension/src/**/*.{ts,tsx}',
  'extension/public/_locales/**/*.json',
  'backend/src/**/*.ts',
  'cinema/**/*.ts',
  'deploy/**/*.md',
  '*.md',
  'extension/*.md',
];

/** `path:line: text` of every line users read that matches `pattern`. */
async function linesMatching(pattern: RegExp): Promise<string[]> {
  const found: string[] = [];
  for (const glob of WHERE_USERS_READ) {
    for await (const path of new Glob(glob).scan({ cwd: ROOT })) {
      if (path.includes('node_modules') || path.endsWith('product-name.test.ts')) continue;
      const text = await Bun.file(join(ROOT, path)).text();
      text.split('\n').forEach((line, i) => {
        if (pattern.test(line)) found.push(`${path}:${i + 1}: ${line.trim()}`);
      });
    }
  }
  return found;
}

test('the Russian product name is spelt «Кино Вместе» everywhere', async () => {
  // Any other spelling of the two words: lower-case, hyphenated, all capitals.
  expect(
    await linesMatching(/Кино[\s-]+вместе|кино[\s-]+Вместе|КИНО[\s-]+ВМЕСТЕ|Кино-Вместе/),
  ).toEqual([]);
});

test('the owner of a room is «ведущий», not «хозяин»', async () => {
  expect(await linesMatching(/хозя(ин|йк|ева)/i)).toEqual([]);
});
