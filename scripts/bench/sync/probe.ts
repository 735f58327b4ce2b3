/**
 * The in-page probe: samples the cinema's <video> every few tens of ms and records
 * its media events, both stamped with `performance.timeOrigin + performance.now()`,
 * and performs user actions on the element (as a user's click would, through the
 * element, so the extension sees ordinary media events). Buffers stay in the page
 * and are collected at the end, so the driver adds no work during the run.
 */
import type { Page } from 'playwright-core';
import type { ActionType, PositionSample, VideoEvent, VideoEventType } from './types.ts';

interface ProbeBuffers {
  samples: PositionSample[];
  events: VideoEvent[];
  timer: number;
}

type ProbeWindow = Window & { __kinoBench?: ProbeBuffers };

export async function installProbe(page: Page, sampleMs: number): Promise<void> {
  await page.waitForSelector('video#player', { state: 'attached' });
  await page.evaluate(
    ({ sampleMs, eventTypes }) => {
      const w = window as ProbeWindow;
      if (w.__kinoBench) return;
      const video = document.querySelector<HTMLVideoElement>('video#player')!;
      const now = () => performance.timeOrigin + performance.now();
      const buffers: ProbeBuffers = { samples: [], events: [], timer: 0 };
      for (const type of eventTypes) {
        video.addEventListener(type, () =>
          buffers.events.push({ t: now(), type, pos: video.currentTime }),
        );
      }
      buffers.timer = window.setInterval(() => {
        buffers.samples.push({
          t: now(),
          pos: video.currentTime,
          paused: video.paused,
          seeking: video.seeking,
          rate: video.playbackRate,
          ready: video.readyState,
        });
      }, sampleMs);
      w.__kinoBench = buffers;
    },
    {
      sampleMs,
      eventTypes: ['play', 'pause', 'seeking', 'seeked', 'waiting', 'playing'] as VideoEventType[],
    },
  );
}

/** Does one user action on the page's video; answers when it happened (same clock) and where. */
export function performAction(
  page: Page,
  type: ActionType,
  seekTo: number | null,
): Promise<{ t: number; pos: number }> {
  return page.evaluate(
    ({ type, seekTo }) => {
      const video = document.querySelector<HTMLVideoElement>('video#player')!;
      const t = performance.timeOrigin + performance.now();
      if (type === 'play') void video.play().catch(() => {});
      else if (type === 'pause') video.pause();
      else if (seekTo !== null) video.currentTime = seekTo;
      return { t, pos: type === 'seek' && seekTo !== null ? seekTo : video.currentTime };
    },
    { type, seekTo },
  );
}

export function isPlaying(page: Page): Promise<boolean> {
  return page.evaluate(() => !document.querySelector<HTMLVideoElement>('video#player')!.paused);
}

/** Stops sampling and hands over everything recorded. */
export function collectProbe(
  page: Page,
): Promise<{ samples: PositionSample[]; events: VideoEvent[] }> {
  return page.evaluate(() => {
    const buffers = (window as ProbeWindow).__kinoBench;
    if (!buffers) return { samples: [], events: [] };
    clearInterval(buffers.timer);
    return { samples: buffers.samples, events: buffers.events };
  });
}

/** How far this page's clock is from the driver's wall clock (ms); should be ~0. */
export async function clockSkewMs(page: Page): Promise<number> {
  const before = Date.now();
  const pageNow = await page.evaluate(() => performance.timeOrigin + performance.now());
  const after = Date.now();
  return pageNow - (before + after) / 2;
}
