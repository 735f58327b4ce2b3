/**
 * A viewer's hand on a third-party player's own controls (Plyr's control bar), in Chromium or
 * Firefox alike (puppeteer-core pages): trusted mouse input on the player's buttons and seek
 * bar, never `video.play()`; and waiting until two players agree.
 */
import type { Page } from 'puppeteer-core';
import { compareSamples, type VideoSample } from '../fixtures/video-sync.ts';
import { boxOf } from './player-pages.ts';

/** The film's `<video>` on a Plyr page, as the sync fixtures sample it. */
export function sampleFilm(page: Page): Promise<VideoSample> {
  return page.evaluate(() => {
    const video = document.querySelector<HTMLVideoElement>('video#film')!;
    return {
      paused: video.paused,
      currentTime: video.currentTime,
      playbackRate: video.playbackRate,
      sampledAt: Date.now(),
    };
  });
}

/**
 * Starts recording what the film's `<video>` does (play, pause, seeks, rate changes, each with
 * its time and position), so a failed agreement can say who moved where and when.
 */
export function traceFilm(page: Page): Promise<void> {
  return page.evaluate(() => {
    const video = document.querySelector<HTMLVideoElement>('video#film')!;
    const trace: string[] = [];
    (window as unknown as { kinoTrace: string[] }).kinoTrace = trace;
    for (const type of ['play', 'pause', 'seeking', 'seeked', 'ratechange', 'waiting', 'ended']) {
      video.addEventListener(type, () => {
        const rate = type === 'ratechange' ? ` x${video.playbackRate.toFixed(3)}` : '';
        trace.push(`${Date.now() % 100_000} ${type} ${video.currentTime.toFixed(2)}${rate}`);
        if (trace.length > 200) trace.shift();
      });
    }
  });
}

/** What traceFilm recorded on `page`, one event a line. */
export function filmTrace(page: Page): Promise<string> {
  return page.evaluate(() =>
    ((window as unknown as { kinoTrace?: string[] }).kinoTrace ?? []).join('\n'),
  );
}

export const PLYR = {
  play: '.plyr__controls button[data-plyr="play"]',
  seek: '.plyr__controls input[data-plyr="seek"]',
} as const;

/** Where `selector` is to be clicked, if Plyr shows it; else why not. Runs in the page. */
function aimAt(sel: string, at: number): { x: number; y: number } | { problem: string } {
  const el = document.querySelector(sel);
  if (!el) return { problem: `no ${sel}` };
  if (document.querySelector('.plyr')?.classList.contains('plyr--hide-controls'))
    return { problem: 'controls hidden' };
  const r = el.getBoundingClientRect();
  if (r.width === 0) return { problem: `${sel} has no box` };
  return { x: r.x + r.width * at, y: r.y + r.height / 2 };
}

/**
 * Whether a click at (x, y) would reach `sel` (shadow roots pierced); if so, notes in the page
 * whether the next mousedown does. Runs in the page.
 */
function armAt(sel: string, x: number, y: number): string {
  const el = document.querySelector(sel);
  let hit = document.elementFromPoint(x, y);
  while (hit?.shadowRoot) {
    const inner = hit.shadowRoot.elementFromPoint(x, y);
    if (!inner || inner === hit) break;
    hit = inner;
  }
  if (!el || !hit || !el.contains(hit)) {
    // The cover and its ancestors (across shadow roots), to name it.
    const path: string[] = [];
    for (let node: Element | null = hit; node && path.length < 4; ) {
      path.push(`${node.tagName.toLowerCase()}${node.id ? `#${node.id}` : ''}.${node.className}`);
      node = node.parentElement ?? ((node.getRootNode() as ShadowRoot).host || null);
    }
    return `${sel} is covered by ${path.join(' < ') || 'nothing'}`;
  }
  const flags = window as unknown as { kinoPressed?: string };
  flags.kinoPressed = 'nothing';
  document.addEventListener(
    'mousedown',
    (event) => {
      const target = event.composedPath()[0] as Element;
      flags.kinoPressed = el.contains(target) ? '' : `${target.tagName}.${target.className}`;
    },
    { capture: true, once: true },
  );
  return '';
}

/**
 * Clicks Plyr's control `selector` at `fraction` across it (the seek bar) as a viewer does:
 * over the picture first (Plyr hides its bar while the film plays and the mouse rests), then
 * onto the control — Plyr keeps its bar while the pointer is on it — and click. A control that
 * is not shown or is covered is waited for (bounded, and named when it came and went); a
 * click the control did not get fails at once, never clicked again (a play button would
 * toggle twice).
 */
export async function pressPlyr(page: Page, selector: string, fraction = 0.5): Promise<void> {
  const deadline = Date.now() + 10_000;
  const waited = new Set<string>();
  for (let step = 0; ; step++) {
    const video = await boxOf(page, 'video#film');
    if (!video) throw new Error('no video#film');
    // A real move each time: no mousemove comes for the point the pointer is already at.
    await page.mouse.move(video.x + video.width / 2 + (step % 2) * 10, video.y + video.height / 2);
    const aim = await page.evaluate(aimAt, selector, fraction);
    let problem = 'problem' in aim ? aim.problem : '';
    if ('x' in aim) {
      await page.mouse.move(aim.x, aim.y);
      problem = await page.evaluate(armAt, selector, aim.x, aim.y);
      if (!problem) {
        await page.mouse.click(aim.x, aim.y);
        const got = await page.evaluate(
          () => (window as unknown as { kinoPressed?: string }).kinoPressed,
        );
        if (got) throw new Error(`the click on Plyr's ${selector} went to ${got}`);
        if (waited.size > 0) console.log(`pressed ${selector} after: ${[...waited].join('; ')}`);
        return;
      }
    }
    waited.add(problem);
    if (Date.now() > deadline) {
      throw new Error(`cannot press Plyr's ${selector}: ${[...waited].join('; ')}`);
    }
    await Bun.sleep(100);
  }
}

export interface Agreed {
  positions: number[];
  gap: number;
}

/**
 * Waits (bounded) until every page's film plays (or every one is paused) and their positions,
 * read on this machine's one clock, are within `toleranceSec` of each other; `near`, when
 * given, is where the film must be (± `nearSec`), so a player that did not move at all fails.
 */
export async function waitForAgreement(
  pages: Page[],
  want: {
    playing: boolean;
    toleranceSec: number;
    near?: number;
    nearSec?: number;
    timeoutMs?: number;
  },
): Promise<Agreed> {
  const deadline = Date.now() + (want.timeoutMs ?? 30_000);
  let last = '';
  for (;;) {
    const agreement = compareSamples(await Promise.all(pages.map(sampleFilm)));
    const stateOk = want.playing ? agreement.allPlaying : agreement.allPaused;
    const nearOk =
      want.near === undefined ||
      agreement.positions.every((p) => Math.abs(p - want.near!) <= (want.nearSec ?? 10));
    if (stateOk && nearOk && agreement.gap <= want.toleranceSec) return agreement;
    last = JSON.stringify(agreement);
    if (Date.now() > deadline) {
      throw new Error(`players never agreed on ${JSON.stringify(want)}: last ${last}`);
    }
    await Bun.sleep(200);
  }
}
