/**
 * Wires the reaction timeline into a room session: the backend through the background
 * (it holds the host permission), the page's video read four times a second, live reactions
 * from the room's connection. Everything stops with the session's signal.
 */
import { signal as createSignal, type Signal } from '@preact/signals';
import type { SiteAdapter } from '../adapters/types';
import type { ApiResult } from '../api/result';
import { sendToBackground } from '../messaging/send';
import type { RoomConnection } from '../room/connection';
import type { VideoRect } from '../ui/room-model';
import { findPlayerBar, inAd, stripBox } from './reaction-strip-place';
import {
  createReactionTimeline,
  type FilmMoment,
  type ReactionTimeline,
} from './reaction-timeline';

const TICK_MS = 250;

export interface TimelineModel {
  timeline: ReactionTimeline;
  /** Where the heat strip goes now; null while there is no film to show it on. */
  strip: Signal<VideoRect | null>;
  /** A room seek to a peak (the normal playback command; the server checks who may). */
  jump(position: number): void;
  /** A seek of this tab's video only (the room is closed: the video is the user's own). */
  jumpLocally(position: number): void;
}

const unsignedIn = { ok: false as const, error: { code: 'unauthorized', message: '', status: 0 } };

export function attachReactionTimeline(opts: {
  adapter: SiteAdapter;
  connection: RoomConnection;
  roomId: string;
  token: () => Promise<string | null>;
  /** Whether the timeline runs: the room is on, or closed and watched again. */
  active: () => boolean;
  signal: AbortSignal;
}): TimelineModel {
  const { adapter, connection, roomId } = opts;
  /** A backend call; a background that cannot answer (asleep, reloading) is a failure too. */
  async function ask<T>(call: (token: string) => Promise<ApiResult<T>>): Promise<ApiResult<T>> {
    try {
      const token = await opts.token();
      return token ? await call(token) : unsignedIn;
    } catch (error) {
      return { ok: false, error: { code: 'network', message: String(error), status: 0 } };
    }
  }
  const timeline = createReactionTimeline({
    histogram: (duration) =>
      ask((token) => sendToBackground({ type: 'reaction-histogram', token, roomId, duration })),
    window: (query) =>
      ask((token) => sendToBackground({ type: 'reaction-window', token, roomId, query })),
  });
  const strip = createSignal<VideoRect | null>(null);
  const stopListening = connection.onMessage((message) => timeline.onServerMessage(message));

  const timer = setInterval(() => {
    const video = adapter.findVideo(document);
    const film = video && !inAd(video) && Number.isFinite(video.duration) && video.duration > 0;
    const moment: FilmMoment | null =
      video && film ? { position: video.currentTime, duration: video.duration } : null;
    timeline.tick(opts.active() ? moment : null, Date.now());
    const next = video && film ? stripBox(rectOf(video), findPlayerBar(video)) : null;
    if (!sameRect(strip.value, next)) strip.value = next;
  }, TICK_MS);
  opts.signal.addEventListener(
    'abort',
    () => {
      clearInterval(timer);
      stopListening();
    },
    { once: true },
  );
  return {
    timeline,
    strip,
    jump: (position) => connection.sendPlayback('seek', position),
    jumpLocally: (position) => {
      const video = adapter.findVideo(document);
      if (video) video.currentTime = position;
    },
  };
}

function rectOf(el: Element): VideoRect {
  const r = el.getBoundingClientRect();
  return { top: r.top, left: r.left, width: r.width, height: r.height };
}

function sameRect(a: VideoRect | null, b: VideoRect | null): boolean {
  if (!a || !b) return a === b;
  return a.top === b.top && a.left === b.left && a.width === b.width && a.height === b.height;
}
