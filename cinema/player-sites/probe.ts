/**
 * What the browser suites run inside a fixture page, in Chromium (Playwright) and Firefox
 * (puppeteer) alike: self-contained functions, serialised into the page, no imports.
 */

export interface VideoReport {
  /** Every <video> on the page, open shadow roots included. */
  videos: number;
  /** Of those, how many sit inside a shadow root. */
  inShadow: number;
  paused: boolean;
  muted: boolean;
  currentTime: number;
  duration: number;
  videoHeight: number;
}

/**
 * Finds the film's <video> (the largest, previews are small; open shadow roots searched)
 * and reports on it. Marks it with `data-probe-main` for the other probes.
 */
export function reportMainVideo(): VideoReport {
  const all: { video: HTMLVideoElement; shadow: boolean }[] = [];
  const walk = (root: Document | ShadowRoot, shadow: boolean) => {
    for (const video of root.querySelectorAll('video')) all.push({ video, shadow });
    for (const el of root.querySelectorAll('*')) if (el.shadowRoot) walk(el.shadowRoot, true);
  };
  walk(document, false);
  const area = (v: HTMLVideoElement) => v.clientWidth * v.clientHeight;
  const main = [...all].sort((a, b) => area(b.video) - area(a.video))[0]?.video;
  if (!main) throw new Error('no <video> on the page');
  for (const { video } of all) video.toggleAttribute('data-probe-main', video === main);
  return {
    videos: all.length,
    inShadow: all.filter((v) => v.shadow).length,
    paused: main.paused,
    muted: main.muted,
    currentTime: main.currentTime,
    duration: main.duration,
    videoHeight: main.videoHeight,
  };
}

/**
 * Plays the main video (muted, as autoplay rules want without a gesture) unless it already
 * plays, waits for it to move, seeks to `to` (far past what is buffered) and waits for it to
 * play on from there. Resolves with what it saw; rejects with where it got stuck.
 */
export async function playAndSeek(to: number): Promise<{ before: number; after: number }> {
  const find = (root: Document | ShadowRoot): HTMLVideoElement | null => {
    const direct = root.querySelector<HTMLVideoElement>('video[data-probe-main]');
    if (direct) return direct;
    for (const el of root.querySelectorAll('*')) {
      const inner = el.shadowRoot ? find(el.shadowRoot) : null;
      if (inner) return inner;
    }
    return null;
  };
  const video = find(document);
  if (!video) throw new Error('run reportMainVideo first');
  const waitFor = async (what: string, check: () => boolean, ms = 20_000) => {
    const deadline = Date.now() + ms;
    while (!check()) {
      if (Date.now() > deadline) {
        throw new Error(
          `stuck waiting for ${what} at ${video.currentTime} (paused ${video.paused})`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  video.muted = true;
  if (video.paused) await video.play();
  await waitFor('playback', () => !video.paused && video.currentTime > 0.5);
  const before = video.currentTime;
  video.currentTime = to;
  await waitFor('the seek', () => !video.seeking && Math.abs(video.currentTime - to) < 2);
  await waitFor('playing on after the seek', () => !video.paused && video.currentTime > to + 0.5);
  return { before, after: video.currentTime };
}
