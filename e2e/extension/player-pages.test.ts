import { describe, expect, test } from 'bun:test';
import { type Placement, placementProblems } from './player-pages.ts';

/** A 960×540 player under a 54 px header, its bar along the bottom, the button right under. */
const good: Placement = {
  header: { x: 0, y: 0, width: 1280, height: 54 },
  video: { x: 154, y: 78, width: 960, height: 540 },
  controls: { x: 154, y: 570, width: 960, height: 48 },
  controlsShown: true,
  button: { x: 162, y: 618, width: 166, height: 34 },
};

describe('placementProblems', () => {
  test('a button right under the player, clear of everything, is fine', () => {
    expect(placementProblems(good)).toEqual([]);
  });

  test('a control bar faded out (or moved off the picture) is no proof', () => {
    expect(placementProblems({ ...good, controlsShown: false })).toEqual([
      'the control bar did not show',
    ]);
    expect(placementProblems({ ...good, controls: null })).toEqual([
      'the control bar did not show',
    ]);
  });

  test('over the bar or the picture, or far below the player, is wrong', () => {
    const over = { ...good, button: { ...good.button, y: 590 } };
    expect(placementProblems(over)).toEqual([
      'the button covers the controls',
      'the button covers the picture',
      'the button is not below the player',
    ]);
    // A bar that hangs below the picture (Plyr's hidden one does) must not meet it either.
    const hanging = { ...good, controls: { ...good.controls!, y: 618 } };
    expect(placementProblems(hanging)).toEqual(['the button covers the controls']);
    const far = { ...good, button: { ...good.button, y: 760 } };
    expect(placementProblems(far)).toEqual(['the button is 142 px below the player']);
  });

  test('a sticky header over the button, or no button at all, is wrong', () => {
    const underHeader = { ...good, header: { x: 0, y: 600, width: 1280, height: 54 } };
    expect(placementProblems(underHeader)).toEqual(['the button meets the header']);
    const hidden = { ...good, button: { ...good.button, width: 0 } };
    expect(placementProblems(hidden)).toEqual(['the button is not shown']);
  });
});
