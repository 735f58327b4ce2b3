/**
 * The room's reaction timeline in a tab: the histogram behind the heat strip (fetched once
 * the film's duration is known, then kept up to date by live reactions), its peaks, and
 * "replay reactions" (a window of the room's reactions around the playhead, fetched in pages
 * by film time, floated again as the film passes them). The decisions are shared/src/reactions;
 * this holds the state and asks the backend. No timers or DOM: `tick` is called with what the
 * player shows (reaction-timeline-wiring.ts), so tests drive it by hand.
 */
import type { ServerMessage } from '@kino/shared/protocol';
import {
  addToHistogram,
  type FilmWindow,
  findPeaks,
  type Histogram,
  initialReplay,
  isReactionEmoji,
  markShown,
  mergeHeld,
  needsWindow,
  type Peak,
  REPLAY_MAX_PAGES,
  type ReplayState,
  replayOnByDefault,
  type TimelineReaction,
  tickReplayHeld,
  WINDOW_PAGE_MAX,
  type WindowPage,
  type WindowQuery,
  windowAround,
} from '@kino/shared/reactions';
import { computed, type ReadonlySignal, type Signal, signal } from '@preact/signals';
import type { ApiResult } from '../api/result';
import { FLOAT_MS, type FloatingReaction } from '../room/room-state';

export interface TimelineBackend {
  histogram(duration: number): Promise<ApiResult<Histogram>>;
  window(query: WindowQuery): Promise<ApiResult<WindowPage>>;
}

/** What the player shows now; null while there is no film (no video, an ad, no duration). */
export interface FilmMoment {
  position: number;
  duration: number;
}

export type ReplayFloat = FloatingReaction & { replay: true };

export interface ReactionTimeline {
  histogram: ReadonlySignal<Histogram | null>;
  peaks: ReadonlySignal<Peak[]>;
  /** null until decided: on for a late joiner (the room had reactions), else off. */
  replayOn: ReadonlySignal<boolean>;
  /** Replayed reactions floating now. */
  replayed: ReadonlySignal<ReplayFloat[]>;
  setReplay(on: boolean): void;
  tick(moment: FilmMoment | null, now: number): void;
  onServerMessage(message: ServerMessage): void;
}

/** A film's duration changing by less than this is the same film (live streams wobble). */
const SAME_DURATION_SEC = 1;
/** After a failed request, the next waits this long (or the server's Retry-After, if longer). */
export const TIMELINE_RETRY_MS = 2_000;

function retryDelay(result: ApiResult<unknown>): number {
  const after = result.ok ? undefined : result.error.retryAfterSeconds;
  return Math.max(TIMELINE_RETRY_MS, (after ?? 0) * 1000);
}

export function createReactionTimeline(backend: TimelineBackend): ReactionTimeline {
  const histogram: Signal<Histogram | null> = signal(null);
  const chosen: Signal<boolean | null> = signal(null);
  const byDefault = signal(false);
  const replayed: Signal<ReplayFloat[]> = signal([]);
  let fetchedFor: number | null = null;
  let histogramInFlight = false;
  let held: TimelineReaction[] = [];
  let heldWindow: FilmWindow | null = null;
  let windowInFlight = false;
  let replay: ReplayState = initialReplay;
  let decided = false;
  /** No request before this time (ms, the ticks' clock): the backend failed or said wait. */
  let quietUntil = 0;
  let clock = 0;

  async function loadHistogram(duration: number): Promise<void> {
    histogramInFlight = true;
    const result = await backend.histogram(duration).finally(() => {
      histogramInFlight = false;
    });
    if (!result.ok) {
      fetchedFor = null; // asked again once the backend may answer
      quietUntil = clock + retryDelay(result);
      return;
    }
    histogram.value = result.data;
    if (!decided) {
      decided = true;
      byDefault.value = replayOnByDefault(result.data.total);
    }
  }

  async function loadWindow(window: FilmWindow): Promise<void> {
    windowInFlight = true;
    try {
      let query: WindowQuery = { from: window.from, to: window.to, limit: WINDOW_PAGE_MAX };
      let next: TimelineReaction[] = held.filter(
        (r) => r.position >= window.from && r.position < window.to,
      );
      for (let page = 0; page < REPLAY_MAX_PAGES; page++) {
        const result = await backend.window(query);
        if (!result.ok) {
          // heldWindow stays: asked again once the backend may answer
          quietUntil = clock + retryDelay(result);
          return;
        }
        next = mergeHeld(next, result.data.reactions);
        if (!result.data.next) break;
        query = { ...query, from: result.data.next.position, afterCursor: result.data.next.cursor };
      }
      held = next;
      heldWindow = window;
    } finally {
      windowInFlight = false;
    }
  }

  const replayOn = computed(() => chosen.value ?? byDefault.value);

  return {
    histogram,
    peaks: computed(() => (histogram.value ? findPeaks(histogram.value) : [])),
    replayOn,
    replayed,
    setReplay(on) {
      chosen.value = on;
      if (!on) replayed.value = [];
    },
    tick(moment, now) {
      clock = now;
      const quiet = now < quietUntil;
      const alive = replayed.value.filter((f) => now - f.at < FLOAT_MS);
      if (alive.length !== replayed.value.length) replayed.value = alive;
      if (!moment) return;
      const sameFilm =
        fetchedFor !== null && Math.abs(fetchedFor - moment.duration) < SAME_DURATION_SEC;
      if (!sameFilm && !histogramInFlight && !quiet) {
        fetchedFor = moment.duration;
        void loadHistogram(moment.duration);
      }
      if (!replayOn.value) {
        replay = { ...replay, last: moment.position, lastWall: now / 1000 };
        return;
      }
      const due = needsWindow(heldWindow, moment.position, moment.duration);
      if (due && !windowInFlight && !quiet) {
        void loadWindow(windowAround(moment.position, moment.duration));
      }
      const step = tickReplayHeld(replay, held, heldWindow, moment.position, now / 1000);
      replay = step.state;
      if (step.due.length > 0) {
        const floats = step.due.map(
          (r): ReplayFloat => ({ id: r.id, emoji: r.emoji, name: r.name, at: now, replay: true }),
        );
        replayed.value = [...alive, ...floats];
      }
    },
    onServerMessage(message) {
      // After a reconnect the room may have moved on: the histogram is read again.
      if (message.type === 'welcome') fetchedFor = null;
      if (message.type !== 'chat' || message.message.kind !== 'reaction') return;
      const { id, text, position, cursor, userId, name } = message.message;
      if (!isReactionEmoji(text)) return;
      replay = markShown(replay, id, position);
      if (histogram.value) histogram.value = addToHistogram(histogram.value, text, position);
      if (heldWindow && position >= heldWindow.from && position < heldWindow.to) {
        held = mergeHeld(held, [{ id, cursor, emoji: text, position, userId, name }]);
      }
    },
  };
}
