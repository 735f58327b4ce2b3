import { describe, expect, test } from 'bun:test';
import { useDom } from '../../test/dom';
import {
  findPlayerBar,
  inAd,
  NATIVE_CONTROLS_PX,
  STRIP_PX,
  stripBox,
} from './reaction-strip-place';

const dom = useDom();
const video = { top: 100, left: 40, width: 900, height: 500 };

describe('where the heat strip goes', () => {
  test('native controls: above their height, across the timeline’s width', () => {
    const box = stripBox(video, null);
    expect(box.top + box.height).toBe(600 - NATIVE_CONTROLS_PX);
    expect(box.left).toBe(56);
    expect(box.width).toBe(868);
    expect(box.height).toBe(STRIP_PX);
  });

  test('a player with its own controls: along its progress bar, above its control bar', () => {
    const box = stripBox(video, {
      seek: { top: 570, left: 120, width: 600, height: 6 },
      controlsTop: 540,
    });
    expect(box).toEqual({ top: 540 - 4 - STRIP_PX, left: 120, width: 600, height: STRIP_PX });
  });
});

/** Gives an element a fixed box (happy-dom lays nothing out). */
function place(el: Element, r: { top: number; left: number; width: number; height: number }) {
  el.getBoundingClientRect = () =>
    ({ ...r, x: r.left, y: r.top, right: r.left + r.width, bottom: r.top + r.height }) as DOMRect;
}

describe('finding the player’s progress bar (the demo cinema’s own player)', () => {
  function cinemaPlayer(withControlsAttr = false) {
    const root = dom.container();
    root.innerHTML = `<div class="player cinema-player" data-phase="film">
        <video id="player"${withControlsAttr ? ' controls' : ''}></video>
        <div class="player-controls"><button>▶</button>
          <input class="player-seek" type="range"><input class="player-volume" type="range">
        </div></div>`;
    const v = root.querySelector('video') as HTMLVideoElement;
    place(v, video);
    place(root.querySelector('.player-controls')!, { top: 540, left: 40, width: 900, height: 60 });
    place(root.querySelector('.player-seek')!, { top: 572, left: 110, width: 640, height: 6 });
    place(root.querySelector('.player-volume')!, { top: 572, left: 780, width: 80, height: 6 });
    return { root, v };
  }

  test('the widest slider over the video’s bottom, and the bar holding it', () => {
    const { v } = cinemaPlayer();
    expect(findPlayerBar(v)).toEqual({
      seek: { top: 572, left: 110, width: 640, height: 6 },
      controlsTop: 540,
    });
  });

  test('a video with native controls has none in the DOM', () => {
    const { v } = cinemaPlayer(true);
    expect(findPlayerBar(v)).toBeNull();
  });

  test('during the pre-roll ad there is no film to show a strip on', () => {
    const { root, v } = cinemaPlayer();
    expect(inAd(v)).toBe(false);
    root.querySelector('.player')?.setAttribute('data-phase', 'ad');
    expect(inAd(v)).toBe(true);
  });
});
