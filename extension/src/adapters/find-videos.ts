/**
 * Every `<video>` of a page, also those inside open shadow roots (web-component players such
 * as media-chrome's `<hls-video>` keep theirs there, where `querySelectorAll` never looks),
 * and the shadow roots themselves, which a watcher must observe to see a player replace its
 * element. Closed shadow roots are out of reach by design.
 */
export interface PageVideos {
  videos: HTMLVideoElement[];
  shadowRoots: ShadowRoot[];
}

/** Deeper than this, a page nests components for no player's sake: stop looking. */
const MAX_SHADOW_DEPTH = 8;

export function collectVideos(root: Document | ShadowRoot): PageVideos {
  const found: PageVideos = { videos: [], shadowRoots: [] };
  visit(root, 0, found);
  return found;
}

function visit(root: Document | ShadowRoot, depth: number, found: PageVideos): void {
  const doc = root.ownerDocument ?? (root as Document);
  const walker = doc.createTreeWalker(root, 1 /* NodeFilter.SHOW_ELEMENT */);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const element = node as Element;
    if (element.localName === 'video') found.videos.push(element as HTMLVideoElement);
    const shadow = element.shadowRoot;
    if (shadow && depth < MAX_SHADOW_DEPTH) {
      found.shadowRoots.push(shadow);
      visit(shadow, depth + 1, found);
    }
  }
}

/** The element in the page's light DOM that holds `node` (the outermost shadow host). */
export function lightDomHost(node: Element): Element {
  let current: Element = node;
  for (;;) {
    const root = current.getRootNode() as Node & { host?: Element };
    // A shadow root is the only document fragment with a host.
    if (root.nodeType !== 11 || !root.host) return current;
    current = root.host;
  }
}
