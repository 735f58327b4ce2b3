/**
 * Where the Watch together button goes on a page we know nothing about: right after the
 * player as a whole, in the page's flow. Never inside the player (its control bar and
 * overlays cover the bottom of the picture, some a title at the top) and never in a fixed
 * spot (the page's sticky header is there). The player is the largest box around the video
 * that is still about the video's size (its own chrome may add a bar below); the button
 * goes after it where the parent lays children out as blocks, so it lands on a line of its
 * own below the player and cannot reshuffle a grid or a flex row.
 */
import { lightDomHost } from './find-videos';

/**
 * How much larger than the video a box may be and still be "the player": room for a control
 * bar below it, not for the film's title and description under that.
 */
const PLAYER_SLACK = { width: 1.1, widthPx: 16, height: 1.12, heightPx: 48 };
const BLOCK_FLOW = new Set(['block', 'flow-root', 'list-item']);

export function playerBox(video: HTMLVideoElement): Element {
  const doc = video.ownerDocument;
  const stop = (el: Element | null) => !el || el === doc.body || el === doc.documentElement;
  const v = video.getBoundingClientRect();
  let box = lightDomHost(video);
  for (let i = 0; i < 10; i++) {
    const parent = box.parentElement;
    if (stop(parent)) break;
    const r = parent!.getBoundingClientRect();
    const fits =
      r.width <= v.width * PLAYER_SLACK.width + PLAYER_SLACK.widthPx &&
      r.height <= v.height * PLAYER_SLACK.height + PLAYER_SLACK.heightPx;
    if (!fits) break;
    box = parent!;
  }
  for (let i = 0; i < 6; i++) {
    const parent = box.parentElement;
    if (stop(parent) || BLOCK_FLOW.has(getComputedStyle(parent!).display)) break;
    box = parent!;
  }
  return box;
}
