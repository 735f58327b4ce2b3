import { expect, test } from 'bun:test';
import { join } from 'node:path';
import { REACTIONS } from '@kino/shared/protocol';
import { REACTION_IMAGES } from './reaction-images.generated';
import { parseTwemojiSvg, twemojiFileName } from './twemoji-source';

const PACKAGE = join(import.meta.dir, '../../../node_modules/@twemoji/svg');

test('Twemoji file names drop the FE0F selector', () => {
  expect(twemojiFileName('😍')).toBe('1f60d.svg');
  expect(twemojiFileName('❤️')).toBe('2764.svg');
});

test('every reaction has its picture, the same as @twemoji/svg has (regenerate when not)', async () => {
  expect(Object.keys(REACTION_IMAGES).sort()).toEqual([...REACTIONS].sort());
  for (const emoji of REACTIONS) {
    const svg = await Bun.file(join(PACKAGE, twemojiFileName(emoji))).text();
    expect(REACTION_IMAGES[emoji]).toEqual(parseTwemojiSvg(svg));
    expect(REACTION_IMAGES[emoji].shapes.length).toBeGreaterThan(0);
  }
});

test('an SVG with anything but plain shapes is refused, not half-drawn', () => {
  expect(() => parseTwemojiSvg('<svg viewBox="0 0 36 36"><g><path d="M0 0"/></g></svg>')).toThrow(
    'unsupported',
  );
});
