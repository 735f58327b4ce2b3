/**
 * The real buttons of a `<video controls>` in Chromium: they live in the video's
 * user-agent shadow root, which page scripts cannot reach but the DevTools protocol can
 * (`DOM.getDocument` with `pierce`). We read a button's box there and press it with
 * Playwright's mouse, which sends trusted input: the same as a user's click, gesture
 * and all (full screen needs one).
 */
import type { Page } from 'playwright-core';

const PSEUDO = {
  play: '-webkit-media-controls-play-button',
  timeline: '-webkit-media-controls-timeline',
  mute: '-webkit-media-controls-mute-button',
  fullscreen: '-webkit-media-controls-fullscreen-button',
  menu: '-internal-media-controls-overflow-button',
} as const;

export type NativeControl = keyof typeof PSEUDO;

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

interface DomNode {
  backendNodeId: number;
  nodeName: string;
  attributes?: string[];
  children?: DomNode[];
  shadowRoots?: DomNode[];
}

function* walk(node: DomNode): Generator<DomNode> {
  yield node;
  for (const child of [...(node.children ?? []), ...(node.shadowRoots ?? [])]) yield* walk(child);
}

const attr = (node: DomNode, name: string) => {
  const list = node.attributes ?? [];
  const i = list.indexOf(name);
  return i >= 0 ? list[i + 1] : undefined;
};

/** Where the control is on the page now (controls show while the mouse is over the video). */
export async function nativeControlBox(
  page: Page,
  control: NativeControl,
  videoId = 'player',
): Promise<Box> {
  const video = page.locator(`video#${videoId}`);
  const videoBox = await video.boundingBox();
  if (!videoBox) throw new Error('the video is not on screen');
  await page.mouse.move(videoBox.x + videoBox.width / 2, videoBox.y + videoBox.height / 2);
  const cdp = await page.context().newCDPSession(page);
  try {
    const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as {
      root: DomNode;
    };
    const videoNode = [...walk(root)].find(
      (n) => n.nodeName === 'VIDEO' && attr(n, 'id') === videoId,
    );
    if (!videoNode) throw new Error(`no video#${videoId}`);
    // The overflow menu repeats some buttons, hidden: take the first one with a box.
    for (const node of walk(videoNode)) {
      if (attr(node, 'pseudo') !== PSEUDO[control]) continue;
      const box = await cdp
        .send('DOM.getBoxModel', { backendNodeId: node.backendNodeId })
        .catch(() => null);
      if (!box) continue;
      const [x1, y1, x2, , , y3] = box.model.border as number[];
      return { x: x1!, y: y1!, width: x2! - x1!, height: y3! - y1! };
    }
    throw new Error(`no visible ${control} control`);
  } finally {
    await cdp.detach();
  }
}

/** Presses a native control with a trusted click at `fraction` across it (the timeline). */
export async function pressNativeControl(
  page: Page,
  control: NativeControl,
  fraction = 0.5,
): Promise<Box> {
  const box = await nativeControlBox(page, control);
  const x = box.x + box.width * fraction;
  const y = box.y + box.height / 2;
  await page.mouse.move(x, y);
  await page.mouse.click(x, y);
  return box;
}

/** What the page would hit at the control's centre: the video itself when nothing covers it. */
export async function hitAtControl(page: Page, control: NativeControl): Promise<string> {
  const box = await nativeControlBox(page, control);
  return page.evaluate(
    ([x, y]) => {
      const el = document.elementFromPoint(x!, y!);
      return el ? `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}` : 'nothing';
    },
    [box.x + box.width / 2, box.y + box.height / 2],
  );
}
