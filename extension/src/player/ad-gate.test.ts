import { afterEach, beforeEach, expect, test } from 'bun:test';
import { Window } from 'happy-dom';
import { showsAd } from '../adapters/ad-markers';
import { gatePlayer, type PlayerPresence } from './ad-gate';

const tick = () => new Promise((resolve) => setTimeout(resolve, 10));
let window: Window;
let saved: unknown;
const g = globalThis as unknown as { MutationObserver: unknown };

beforeEach(() => {
  window = new Window({ url: 'http://localhost:3000/films/first-snow' });
  saved = g.MutationObserver;
  g.MutationObserver = window.MutationObserver;
});
afterEach(() => {
  g.MutationObserver = saved;
});

/** The cinema's markup (cinema/README.md): the ad in the same video, marks on `.player`. */
function cinemaPage(phase: 'ad' | 'film', readyState: number) {
  const doc = window.document as unknown as Document;
  doc.body.innerHTML = `<main class="film"><div class="player cinema-player${phase === 'ad' ? ' ad-showing' : ''}" data-phase="${phase}"><video id="player"></video></div></main>`;
  const container = doc.querySelector<HTMLElement>('.player')!;
  const video = doc.querySelector('video')!;
  let ready = readyState;
  Object.defineProperty(video, 'readyState', { get: () => ready });
  const fire = (type: string, target: EventTarget = video) =>
    target.dispatchEvent(new window.Event(type, { bubbles: false }) as unknown as Event);
  return {
    doc,
    container,
    video,
    fire,
    setReady: (n: number) => {
      ready = n;
    },
  };
}

function gate(video: HTMLVideoElement, signal: AbortSignal) {
  const reports: PlayerPresence[] = [];
  const hooks: AbortSignal[] = [];
  gatePlayer(
    video,
    { inAd: showsAd, report: (s) => reports.push(s), attach: (s) => hooks.push(s) },
    signal,
  );
  const attached = () => hooks.filter((s) => !s.aborted).length;
  return { reports, hooks, attached };
}

test('reloaded into the ad: never attached during it; attached once the film has loaded', async () => {
  const page = cinemaPage('ad', 4);
  const life = new AbortController();
  const g1 = gate(page.video, life.signal);
  expect(g1.reports).toEqual(['ad']);
  expect(g1.hooks).toHaveLength(0);
  // The page puts back seeks and plays the ad: none of it reaches a hook.
  page.fire('seeking');
  page.fire('play');
  await tick();
  expect(g1.hooks).toHaveLength(0);
  // The ad ends: the phase flips, the film's stream loads into the same element.
  page.container.dataset.phase = 'film';
  page.container.classList.remove('ad-showing');
  page.container.dispatchEvent(new window.Event('adend', { bubbles: true }) as unknown as Event);
  page.setReady(0);
  page.fire('emptied');
  page.fire('play'); // the page's own play of the film: not the user's, and no hook yet
  await tick();
  expect(g1.attached()).toBe(0);
  page.setReady(1);
  page.fire('loadedmetadata');
  expect(g1.attached()).toBe(1);
  expect(g1.reports).toEqual(['ad', 'attached']);
  life.abort();
  expect(g1.attached()).toBe(0);
});

test('a mid-roll ad takes the hook off at once', async () => {
  const page = cinemaPage('film', 4);
  const life = new AbortController();
  const g1 = gate(page.video, life.signal);
  expect(g1.attached()).toBe(1);
  page.container.dataset.phase = 'ad';
  await tick();
  expect(g1.attached()).toBe(0);
  expect(g1.reports).toEqual(['attached', 'ad']);
  life.abort();
});

test('skip intro: off for the page’s own seek, on again after it (to return to the room)', async () => {
  const page = cinemaPage('film', 4);
  const life = new AbortController();
  const g1 = gate(page.video, life.signal);
  page.container.dispatchEvent(
    new window.CustomEvent('introskip', {
      bubbles: true,
      detail: { from: 3, to: 8 },
    }) as unknown as Event,
  );
  expect(g1.attached()).toBe(0);
  page.fire('seeking');
  page.fire('seeked');
  await tick();
  expect(g1.attached()).toBe(1);
  expect(g1.hooks).toHaveLength(2);
  life.abort();
});

test('an element the page has not loaded yet waits for its metadata, or for the time limit', async () => {
  const page = cinemaPage('film', 0);
  const life = new AbortController();
  const reports: PlayerPresence[] = [];
  let attached = 0;
  gatePlayer(
    page.video,
    {
      inAd: showsAd,
      report: (s) => reports.push(s),
      attach: () => attached++,
      filmLoadTimeoutMs: 30,
    },
    life.signal,
  );
  expect(attached).toBe(0);
  await new Promise((resolve) => setTimeout(resolve, 60));
  expect(attached).toBe(1);
  life.abort();
});

test('ad marks: on the container or through shadow hosts, never elsewhere on the page', () => {
  const page = cinemaPage('film', 4);
  expect(showsAd(page.video)).toBe(false);
  page.doc.body.insertAdjacentHTML('beforeend', '<div class="ad-showing">banner</div>');
  expect(showsAd(page.video)).toBe(false);
  const host = page.doc.createElement('div');
  host.className = 'video-js vjs-ad-playing';
  page.doc.body.append(host);
  const shadow = host.attachShadow({ mode: 'open' });
  shadow.innerHTML = '<div><video></video></div>';
  expect(showsAd(shadow.querySelector('video')!)).toBe(true);
});

test('in a room that plays, a paused ad is played (locally) so the film comes', async () => {
  const page = cinemaPage('ad', 4);
  let plays = 0;
  Object.defineProperty(page.video, 'paused', { get: () => true });
  page.video.play = async () => {
    plays++;
  };
  const life = new AbortController();
  let roomPlays = false;
  gatePlayer(
    page.video,
    { inAd: showsAd, report: () => {}, attach: () => {}, shouldPlayAd: () => roomPlays },
    life.signal,
  );
  expect(plays).toBe(0);
  roomPlays = true;
  page.container.dispatchEvent(new window.Event('adstart', { bubbles: true }) as unknown as Event);
  expect(plays).toBe(1);
  life.abort();
});
