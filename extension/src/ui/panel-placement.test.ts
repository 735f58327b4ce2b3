import { expect, test } from 'bun:test';
import { PANEL_WANTED_PX, placePanel } from './panel-placement';

test('below the button when there is room, above it when the window ends too soon', () => {
  // The demo film page at 1280×800: the button sits at ~690 px, under the player.
  expect(placePanel({ top: 690, bottom: 723 }, 800)).toEqual({ side: 'above', maxHeight: 672 });
  expect(placePanel({ top: 100, bottom: 133 }, 800).side).toBe('below');
  const tall = placePanel({ top: 300, bottom: 333 }, 1440);
  expect(tall.side).toBe('below');
  expect(tall.maxHeight).toBeGreaterThanOrEqual(PANEL_WANTED_PX);
});

test('in a cramped window it takes the larger side and scrolls inside', () => {
  expect(placePanel({ top: 150, bottom: 183 }, 400)).toEqual({ side: 'below', maxHeight: 199 });
  expect(placePanel({ top: 40, bottom: 73 }, 200).maxHeight).toBe(160);
});
