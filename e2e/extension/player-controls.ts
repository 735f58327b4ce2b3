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

/**
 * Clicks Plyr's control `selector` at `fraction` across it (the seek bar), after moving over
 * the picture as a viewer does: Plyr hides its bar while the film plays and the mouse rests.
 */
export async function pressPlyr(page: Page, selector: string, fraction = 0.5): Promise<void> {
  const deadline = Date.now() + 10_000;
  /** Why it could not press yet (told when it finally does: a cover that came and went). */
  const waited = new Set<string>();
  for (let step = 0; ; step++) {
    const video = await boxOf(page, 'video#film');
    if (!video) throw new Error('no video#film');
    // A real move each time: no mousemove comes for the point the pointer is already at.
    await page.mouse.move(video.x + video.width / 2 + (step % 2) * 10, video.y + video.height / 2);
    // Where the click goes, and what a viewer's click there would hit (shadow roots pierced).
    const aim = await page.evaluate(
      (sel, at) => {
        const el = document.querySelector(sel);
        if (!el) return { problem: `no ${sel}` };
        if (document.querySelector('.plyr')?.classList.contains('plyr--hide-controls'))
          return { problem: 'controls hidden' };
        const r = el.getBoundingClientRect();
        if (r.width === 0) return { problem: `${sel} has no box` };
        const x = r.x + r.width * at;
        const y = r.y + r.height / 2;
        let hit = document.elementFromPoint(x, y);
        while (hit?.shadowRoot) {
          const inner = hit.shadowRoot.elementFromPoint(x, y);
          if (!inner || inner === hit) break;
          hit = inner;
        }
        if (hit && el.contains(hit)) return { x, y };
        const what = hit ? `${hit.tagName.toLowerCase()}.${hit.className}` : 'nothing';
        return { problem: `${sel} is covered by ${what}` };
      },
      selector,
      fraction,
    );
    if ('x' in aim) {
      if (waited.size > 0) console.log(`pressed ${selector} after: ${[...waited].join('; ')}`);
      await page.mouse.click(aim.x!, aim.y!);
      return;
    }
    waited.add(aim.problem!);
    if (Date.now() > deadline) throw new Error(`cannot press Plyr's ${selector}: ${aim.problem}`);
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
