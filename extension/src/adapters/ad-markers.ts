/**
 * Whether a player shows an ad in its `<video>` right now, read from the marks players put
 * on their container: the demo cinema's `data-phase="ad"` and class `ad-showing`
 * (cinema/README.md "The pre-roll ad"), the same `data-phase` on «Экран»'s swapping player,
 * Video.js's ads plugin (`vjs-ad-playing`, `vjs-ad-loading`), Google IMA / YouTube-style
 * `ad-showing` / `ad-interrupting`. The walk goes up from the video through shadow hosts,
 * at most a few levels past the player, so an unrelated `.ad-showing` elsewhere never counts.
 */
const AD_CLASSES = ['ad-showing', 'ad-interrupting', 'vjs-ad-playing', 'vjs-ad-loading'];
const MAX_LEVELS = 12;

function isAdMarked(element: Element): boolean {
  if (element.getAttribute('data-phase') === 'ad') return true;
  return AD_CLASSES.some((name) => element.classList.contains(name));
}

export function showsAd(video: Element): boolean {
  let current: Element | null = video;
  for (let level = 0; current && level < MAX_LEVELS; level++) {
    if (isAdMarked(current)) return true;
    const parent: Element | null = current.parentElement;
    if (parent) {
      current = parent;
      continue;
    }
    const root = current.getRootNode() as Node & { host?: Element };
    current = root.nodeType === 11 && root.host ? root.host : null;
  }
  return false;
}

/** The attributes those marks live in: what an observer of ad changes filters on. */
export const AD_MARK_ATTRIBUTES = ['class', 'data-phase'];
