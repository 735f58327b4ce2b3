/**
 * The in-page probe: samples the page's <video> elements every few tens of ms (all of
 * them in the same task, so two players in one page are read at one instant) and
 * records their media events, stamped with `performance.timeOrigin + performance.now()`,
 * and performs user actions on the elements (as a user's click would, through the
 * element, so the extension sees ordinary media events). Buffers stay in the page and
 * are collected at the end, so the driver adds no work during the run. Works with a
 * Playwright (Chromium) or a puppeteer (Firefox) page through `ProbePage`.
 */
import type { ActionType, PositionSample, VideoEvent, VideoEventType } from './types.ts';

/** What the probe needs of a page: Playwright's and puppeteer's both fit. */
export interface ProbePage {
  evaluate<A, R>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R>;
}

/** The cinema's player. */
export const PLAYER = 'video#player';

interface ProbeBuffers {
  samples: PositionSample[][];
  events: VideoEvent[][];
  timer: number;
}

type ProbeWindow = Window & { __kinoBench?: ProbeBuffers };

export async function installProbe(
  page: ProbePage,
  sampleMs: number,
  selectors: readonly string[] = [PLAYER],
): Promise<void> {
  await page.evaluate(
    ({ sampleMs, selectors, eventTypes }) => {
      const w = window as ProbeWindow;
      if (w.__kinoBench) return;
      const videos = selectors.map((s) => document.querySelector<HTMLVideoElement>(s)!);
      const now = () => performance.timeOrigin + performance.now();
      const buffers: ProbeBuffers = {
        samples: videos.map(() => []),
        events: videos.map(() => []),
        timer: 0,
      };
      videos.forEach((video, i) => {
        for (const type of eventTypes) {
          video.addEventListener(type, () =>
            buffers.events[i]!.push({ t: now(), type, pos: video.currentTime }),
          );
        }
      });
      buffers.timer = window.setInterval(() => {
        const t = now();
        videos.forEach((video, i) => {
          buffers.samples[i]!.push({
            t,
            pos: video.currentTime,
            paused: video.paused,
            seeking: video.seeking,
            rate: video.playbackRate,
            ready: video.readyState,
            ad: video.closest('[data-phase]')?.getAttribute('data-phase') === 'ad',
          });
        });
      }, sampleMs);
      w.__kinoBench = buffers;
    },
    {
      sampleMs,
      selectors: [...selectors],
      eventTypes: ['play', 'pause', 'seeking', 'seeked', 'waiting', 'playing'] as VideoEventType[],
    },
  );
}

/**
 * Does one user action on the page's video(s), all in one task; answers when it happened
 * (same clock), where, and for a seek whether its target was buffered in the first video.
 */
export function performAction(
  page: ProbePage,
  type: ActionType,
  seekTo: number | null,
  selectors: readonly string[] = [PLAYER],
): Promise<{ t: number; pos: number; buffered?: boolean }> {
  return page.evaluate(
    ({ type, seekTo, selectors }) => {
      const videos = selectors.map((s) => document.querySelector<HTMLVideoElement>(s)!);
      const t = performance.timeOrigin + performance.now();
      const ranges = videos[0]?.buffered;
      let buffered: boolean | undefined;
      if (type === 'seek' && seekTo !== null && ranges) {
        buffered = false;
        for (let i = 0; i < ranges.length; i++) {
          if (ranges.start(i) <= seekTo && seekTo < ranges.end(i)) buffered = true;
        }
      }
      for (const video of videos) {
        if (type === 'play') void video.play().catch(() => {});
        else if (type === 'pause') video.pause();
        else if (seekTo !== null) video.currentTime = seekTo;
      }
      const pos = videos[0]?.currentTime ?? 0;
      return { t, pos: type === 'seek' && seekTo !== null ? seekTo : pos, buffered };
    },
    { type, seekTo, selectors: [...selectors] },
  );
}

/** Whether the first video is paused (the room's state as this member shows it). */
export function isPaused(page: ProbePage, selectors: readonly string[] = [PLAYER]) {
  return page.evaluate(
    (selector) => document.querySelector<HTMLVideoElement>(selector)?.paused ?? true,
    selectors[0] ?? PLAYER,
  );
}

/** Whether every video plays and is past `minPos` (s). */
export function allPlaying(
  page: ProbePage,
  minPos: number,
  selectors: readonly string[] = [PLAYER],
): Promise<boolean> {
  return page.evaluate(
    ({ minPos, selectors }) =>
      selectors.every((s) => {
        const video = document.querySelector<HTMLVideoElement>(s);
        return Boolean(video && !video.paused && video.currentTime > minPos);
      }),
    { minPos, selectors: [...selectors] },
  );
}

/** Stops sampling and hands over everything recorded, one entry per video. */
export function collectProbe(
  page: ProbePage,
): Promise<{ samples: PositionSample[]; events: VideoEvent[] }[]> {
  return page.evaluate(() => {
    const buffers = (window as ProbeWindow).__kinoBench;
    if (!buffers) return [];
    clearInterval(buffers.timer);
    return buffers.samples.map((samples, i) => ({ samples, events: buffers.events[i] ?? [] }));
  }, null);
}

/** How far this page's clock is from the driver's wall clock (ms); should be ~0. */
export async function clockSkewMs(page: ProbePage): Promise<number> {
  const before = Date.now();
  const pageNow = await page.evaluate(() => performance.timeOrigin + performance.now(), null);
  const after = Date.now();
  return pageNow - (before + after) / 2;
}
