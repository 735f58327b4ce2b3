/**
 * The floor: what the browser itself allows. Per browser, one page holds two players of
 * the same film (the cinema's progressive `.webm`), sampled in the same task on one
 * clock and acted on in the same task (play, pause, seek both at once) by the same
 * random scenario as the room runs, with no sync at all. Their difference, once each
 * steady stretch's own constant offset is taken out, is the jitter of reading a
 * position (currentTime resolution, frame and audio-clock pacing) that no sync can go
 * below; the raw difference is what simultaneous commands alone would give.
 */
import { chromium } from 'playwright-core';
import puppeteer from 'puppeteer-core';
import { FIREFOX_PATH } from './members.ts';
import { collectProbe, installProbe, type ProbePage } from './probe.ts';
import { seededRandom } from './random.ts';
import { type Actor, measure, SAMPLE_MS } from './run.ts';
import type { BrowserName, RunDefinition } from './runs.ts';
import type { MemberTrace, RunRecording } from './types.ts';

const SELECTORS = ['video#floor-a', 'video#floor-b'] as const;
const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

interface FloorPage {
  browser: BrowserName;
  page: ProbePage;
  close(): Promise<void>;
}

async function openPage(browser: BrowserName, url: string): Promise<FloorPage> {
  if (browser === 'firefox') {
    const firefox = await puppeteer.launch({
      browser: 'firefox',
      executablePath: FIREFOX_PATH,
      headless: true,
      extraPrefsFirefox: { 'media.autoplay.default': 0 },
    });
    const page = await firefox.newPage();
    await page.goto(url);
    return { browser, page: page as unknown as ProbePage, close: () => firefox.close() };
  }
  const instance = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--autoplay-policy=no-user-gesture-required'],
  });
  const page = await instance.newPage();
  await page.goto(url);
  return { browser, page: page as unknown as ProbePage, close: () => instance.close() };
}

/** Two players of the film in the page, ready to play. */
async function addPlayers(page: ProbePage, src: string): Promise<void> {
  await page.evaluate(
    async ({ src, ids }) => {
      document.body.replaceChildren();
      const videos = ids.map((id) => {
        const video = document.createElement('video');
        video.id = id;
        video.src = src;
        video.preload = 'auto';
        document.body.append(video);
        return video;
      });
      await Promise.all(
        videos.map(
          (v) =>
            new Promise<void>((resolve) => {
              if (v.readyState >= 3) resolve();
              else v.addEventListener('canplay', () => resolve(), { once: true });
            }),
        ),
      );
    },
    { src, ids: SELECTORS.map((s) => s.slice('video#'.length)) },
  );
}

export async function runFloor(setup: {
  run: RunDefinition;
  cinemaUrl: string;
  seed: number;
  log: (line: string) => void;
}): Promise<RunRecording> {
  const { run } = setup;
  const random = seededRandom(setup.seed);
  const pages: FloorPage[] = [];
  try {
    for (const browser of run.browsers) {
      const opened = await openPage(browser, `${setup.cinemaUrl}/login`);
      pages.push(opened);
      await addPlayers(opened.page, `${setup.cinemaUrl}/media/${run.film.id}.webm`);
      await installProbe(opened.page, SAMPLE_MS, SELECTORS);
      setup.log(`[floor] two players in one ${browser} page`);
    }
    // Every action goes to both pages' pairs at once (answers: the first page's; a yes/no
    // check holds only if it holds in every page).
    const both: ProbePage = {
      async evaluate(fn, arg) {
        const results = await Promise.all(pages.map((p) => p.page.evaluate(fn, arg)));
        const answer = results.every((r) => typeof r === 'boolean')
          ? results.every(Boolean)
          : results[0];
        return answer as Awaited<ReturnType<typeof fn>>;
      },
    };
    const actors: Actor[] = [{ page: both, selectors: SELECTORS, name: 'both pages' }];
    const measured = await measure(actors, run, random, setup.log);
    const traces: MemberTrace[] = [];
    for (const [i, p] of pages.entries()) {
      const recorded = await collectProbe(p.page);
      for (const [j, r] of recorded.entries()) {
        traces.push({
          member: i * 2 + j,
          name: `${p.browser} ${j === 0 ? 'A' : 'B'}`,
          browser: p.browser,
          samples: r.samples,
          events: r.events,
        });
      }
    }
    return {
      label: run.label,
      title: run.title,
      latency: null,
      from: measured.from,
      to: measured.to,
      traces,
      actions: measured.actions,
      clockSkewMs: [],
      loadAverage: measured.loadAverage,
    };
  } finally {
    await Promise.all(pages.map((p) => p.close().catch(() => {})));
  }
}
