/**
 * Keeps the player hook off the video while it is not the film: during an ad (the page puts
 * back any seek there, and its own play/pause/seek of the ad and of the film's start would
 * look like the user's), and until the film that follows has loaded into the element. The
 * member is then not at a film position: the gate says so (`ad`), and the hook — attached
 * once the film is there — brings the video to the room's moment. Nothing the ad does is
 * ever sent to the room. The same for a jump the page makes by itself ("Skip intro",
 * announced by `introskip`): the hook steps aside for it and, back on, returns the member to
 * the room's moment. A fresh element the page has not loaded yet is waited for as well (the
 * page's own autoplay of it is not the user's play).
 */
import { AD_MARK_ATTRIBUTES } from '../adapters/ad-markers';

/** What a member's player is doing, as the room is told (presence). */
export type PlayerPresence = 'attached' | 'ad' | 'none';

export interface GateOptions {
  /** Whether the video shows an ad now (adapters/ad-markers.ts). */
  inAd(video: HTMLVideoElement): boolean;
  /** Starts the hook on the video until `signal` aborts. */
  attach(signal: AbortSignal): void;
  report(state: PlayerPresence): void;
  /**
   * Whether the member should be getting through a paused ad: the room plays (or its creator
   * just pressed Start). Pages often wait for a click to start the ad; in a room that plays,
   * the gate plays it (locally: the ad is never the room's business) so the film comes.
   */
  shouldPlayAd?(): boolean;
  /** Longest wait (ms) after an ad for the film to load before attaching anyway. */
  filmLoadTimeoutMs?: number;
}

const HAVE_METADATA = 1;

export function gatePlayer(
  video: HTMLVideoElement,
  options: GateOptions,
  signal: AbortSignal,
): void {
  let hook: AbortController | null = null;
  /** Set once an ad was seen (or the element is empty): it must load before the hook attaches. */
  let afterAd = video.readyState < HAVE_METADATA;
  let filmTimer: ReturnType<typeof setTimeout> | null = null;
  let reported: PlayerPresence | null = null;
  let adTimer: ReturnType<typeof setInterval> | null = null;
  const playAd = () => {
    if (!options.inAd(video)) {
      if (adTimer) clearInterval(adTimer);
      adTimer = null;
      return;
    }
    if (video.paused && options.shouldPlayAd?.()) video.play().catch(() => {});
  };

  const report = (state: PlayerPresence) => {
    if (state === reported) return;
    reported = state;
    options.report(state);
  };
  const detach = () => {
    hook?.abort();
    hook = null;
  };
  const attach = () => {
    if (filmTimer) clearTimeout(filmTimer);
    filmTimer = null;
    afterAd = false;
    if (hook || signal.aborted) return;
    report('attached');
    hook = new AbortController();
    options.attach(hook.signal);
  };

  function evaluate(): void {
    if (signal.aborted) return;
    if (options.inAd(video)) {
      afterAd = true;
      detach();
      report('ad');
      adTimer ??= setInterval(playAd, 1000);
      playAd();
      return;
    }
    if (hook || introTimer) return;
    if (!afterAd) {
      attach();
      return;
    }
    // The ad is over; the film loads into the element now (`emptied`, `loadstart`, …). Its
    // metadata, or a time limit, says it is the film's element again.
    filmTimer ??= setTimeout(attach, options.filmLoadTimeoutMs ?? 5000);
  }

  const onFilmLoaded = () => {
    if (afterAd && !options.inAd(video) && video.readyState >= HAVE_METADATA) attach();
  };
  video.addEventListener('loadedmetadata', onFilmLoaded, { signal });
  video.addEventListener('playing', onFilmLoaded, { signal });
  // The marks change on the container (attributes); players also announce adstart/adend.
  const observer = new MutationObserver(evaluate);
  observer.observe(video.ownerDocument, {
    attributes: true,
    attributeFilter: AD_MARK_ATTRIBUTES,
    subtree: true,
  });
  for (const type of ['adstart', 'adend', 'emptied', 'play']) {
    video.ownerDocument.addEventListener(type, evaluate, { capture: true, signal });
  }
  video.addEventListener('emptied', evaluate, { signal });
  video.addEventListener('play', evaluate, { signal });
  // "Skip intro": the page seeks right after announcing it. Off for that seek, on again after.
  let introTimer: ReturnType<typeof setTimeout> | null = null;
  const afterIntro = () => {
    if (introTimer) clearTimeout(introTimer);
    introTimer = null;
    evaluate();
  };
  video.ownerDocument.addEventListener(
    'introskip',
    (event) => {
      const from = event.target as Partial<Node> | null;
      if (!hook || typeof from?.contains !== 'function' || !from.contains(video)) return;
      detach();
      introTimer = setTimeout(afterIntro, 2000);
      video.addEventListener('seeked', () => setTimeout(afterIntro, 0), { once: true, signal });
    },
    { capture: true, signal },
  );
  signal.addEventListener(
    'abort',
    () => {
      observer.disconnect();
      if (filmTimer) clearTimeout(filmTimer);
      if (introTimer) clearTimeout(introTimer);
      if (adTimer) clearInterval(adTimer);
      detach();
    },
    { once: true },
  );
  evaluate();
}
