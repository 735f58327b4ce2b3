/** cinema/README.md quotes numbers and lists that live in the code: checked here. */
import { expect, test } from 'bun:test';
import { readFileSync } from 'node:fs';
import { SEED_FILMS } from './data/seed.ts';
import {
  AD_RENDITION,
  AD_SECONDS,
  AUDIO_KBPS,
  hlsRecipes,
  KEYFRAME_SECONDS,
  SEGMENT_SECONDS,
} from './media/hls/recipe.ts';
import { SKIP_AFTER_SECONDS } from './player/ad-break.ts';
import { KEY_SEEK_SECONDS } from './player/controls.ts';
import { PLAYER_PAGES } from './player-sites/pages/catalog.ts';

const readme = readFileSync(new URL('README.md', import.meta.url), 'utf8').replace(/\s+/g, ' ');

test('the README quotes the recipe and the player’s numbers', () => {
  for (const phrase of [
    `segments of ${SEGMENT_SECONDS} s cut on the ${KEYFRAME_SECONDS}-second keyframes`,
    `+ ${AUDIO_KBPS} kbit/s mono AAC`,
    `${AD_RENDITION.name} (${AD_RENDITION.videoKbps}): a ${AD_SECONDS} s card`,
    `the ad's (${AD_SECONDS} s)`,
    `unlocks after ${SKIP_AFTER_SECONDS} s`,
    `←/→ ${KEY_SEEK_SECONDS} s`,
  ]) {
    expect(readme).toContain(phrase);
  }
});

test('the README’s stream table shows every HLS film’s ladder', () => {
  for (const recipe of hlsRecipes(SEED_FILMS)) {
    const ladder = recipe.ladder.map((r) => `${r.name} (${r.videoKbps})`).join(', ');
    expect(readme).toContain(`| \`${recipe.id}\` | ${ladder} |`);
  }
});

test('the README lists every «Экран» page with its player and film', () => {
  for (const page of PLAYER_PAGES) {
    expect(readme).toMatch(
      new RegExp(`\\| \`/watch/${page.id}\` \\| [^|]+ \\| \`${page.filmId}\` \\|`),
    );
  }
});
