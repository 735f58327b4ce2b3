/**
 * Where the heat strip goes: along the player's progress bar, just above the player's own
 * controls, never over them. A player with controls of its own (the cinema's HLS player,
 * Video.js, Plyr…) has a wide slider near the video's bottom: the strip takes its left and
 * width and sits above the bar that holds it. The browser's native controls are not in the
 * DOM: the strip sits above the height they take and spans the width their timeline does.
 */
import type { VideoRect } from '../ui/room-model';

/** Height of Chromium's and Firefox's native control bar, with a little air (px). */
export const NATIVE_CONTROLS_PX = 56;
/** Native timelines start and end this far in from the video's edges (px). */
export const NATIVE_INSET_PX = 16;
/** The strip's own height (px); the peak markers stand above it. */
export const STRIP_PX = 8;
const GAP_PX = 4;

export interface PlayerBar {
  /** The progress bar (slider). */
  seek: VideoRect;
  /** The top of the controls that hold it (px, viewport). */
  controlsTop: number;
}

/** The strip's box from the video's box and the player's bar, if the page has one. */
export function stripBox(video: VideoRect, bar: PlayerBar | null): VideoRect {
  if (bar) {
    return {
      left: bar.seek.left,
      width: bar.seek.width,
      top: bar.controlsTop - GAP_PX - STRIP_PX,
      height: STRIP_PX,
    };
  }
  const inset = Math.min(NATIVE_INSET_PX, video.width / 10);
  return {
    left: video.left + inset,
    width: Math.max(0, video.width - 2 * inset),
    top: video.top + video.height - NATIVE_CONTROLS_PX - STRIP_PX,
    height: STRIP_PX,
  };
}

const box = (el: Element): VideoRect => {
  const r = el.getBoundingClientRect();
  return { top: r.top, left: r.left, width: r.width, height: r.height };
};

/**
 * The player's progress bar: the widest slider in the video's container that lies over the
 * video's lower third and spans at least a third of its width. Its controls are its highest
 * ancestor inside that container that does not hold the video.
 */
export function findPlayerBar(video: HTMLVideoElement): PlayerBar | null {
  const container = video.parentElement;
  if (!container || video.controls) return null;
  const v = box(video);
  let best: { el: Element; rect: VideoRect } | null = null;
  for (const el of container.querySelectorAll('input[type="range"], [role="slider"]')) {
    const rect = box(el);
    const overVideo = rect.top >= v.top + (v.height * 2) / 3 && rect.top <= v.top + v.height;
    if (!overVideo || rect.width < v.width / 3) continue;
    if (!best || rect.width > best.rect.width) best = { el, rect };
  }
  if (!best) return null;
  let controls: Element = best.el;
  while (controls.parentElement && controls.parentElement !== container) {
    if (controls.parentElement.contains(video)) break;
    controls = controls.parentElement;
  }
  return { seek: best.rect, controlsTop: box(controls).top };
}

/** Whether the video plays an ad now (the demo cinema marks its player; see ARCHITECTURE). */
export function inAd(video: HTMLVideoElement): boolean {
  return video.closest('[data-phase="ad"], .ad-showing') !== null;
}
