import { describe, expect, test } from 'bun:test';
import type { ServerMessage } from '@kino/shared/protocol';
import {
  type Histogram,
  histogramFromCounts,
  selectWindowPage,
  type TimelineReaction,
  type WindowQuery,
} from '@kino/shared/reactions';
import type { ApiResult } from '../api/result';
import { FLOAT_MS } from '../room/room-state';
import { createReactionTimeline } from './reaction-timeline';

const reaction = (cursor: number, position: number): TimelineReaction => ({
  id: `r_test_${cursor}`,
  cursor,
  emoji: '😂',
  position,
  userId: 'boris',
  name: 'Борис',
});

/** A backend over a list of reactions, answering at once; it counts what it is asked. */
function fakeBackend(stored: TimelineReaction[]) {
  const asked = { histogram: [] as number[], window: [] as WindowQuery[] };
  return {
    asked,
    backend: {
      async histogram(duration: number): Promise<ApiResult<Histogram>> {
        asked.histogram.push(duration);
        const rows = stored.map((r) => ({
          bin: Math.floor((r.position / duration) * 120),
          emoji: r.emoji,
          count: 1,
        }));
        return { ok: true, data: histogramFromCounts(rows, duration) };
      },
      async window(query: WindowQuery) {
        asked.window.push(query);
        return { ok: true as const, data: selectWindowPage(stored, query) };
      },
    },
  };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

const live = (r: TimelineReaction): ServerMessage => ({
  type: 'chat',
  message: {
    id: r.id,
    cursor: r.cursor,
    kind: 'reaction',
    userId: r.userId,
    name: r.name,
    text: r.emoji,
    at: 1,
    position: r.position,
  },
});

describe('reaction timeline in a tab', () => {
  test('a late joiner: histogram once per film, replay on, reactions float at their moment', async () => {
    const { backend, asked } = fakeBackend([reaction(1, 20), reaction(2, 20.4), reaction(3, 70)]);
    const timeline = createReactionTimeline(backend);
    timeline.tick({ position: 15, duration: 120 }, 0);
    await settle();
    expect(timeline.histogram.value?.total).toBe(3);
    expect(timeline.peaks.value.map((p) => p.emoji)).toEqual(['😂']);
    expect(timeline.replayOn.value).toBe(true);
    let now = 0;
    for (let position = 15; position <= 21; position += 0.25) {
      now += 250;
      timeline.tick({ position, duration: 120 }, now);
      await settle();
    }
    expect(asked.histogram).toEqual([120]);
    expect(asked.window).toHaveLength(1);
    // The window reaches back 10 s and ahead to the film's end (+1 s), never further.
    expect(asked.window[0]).toMatchObject({ from: 5, to: 121 });
    expect(timeline.replayed.value.map((f) => [f.id, f.replay])).toEqual([
      ['r_test_1', true],
      ['r_test_2', true],
    ]);
    // They float for their display time, then go.
    timeline.tick({ position: 21.25, duration: 120 }, now + FLOAT_MS);
    expect(timeline.replayed.value).toEqual([]);
  });

  test('someone there from the start: replay off; a live reaction counts in the strip', async () => {
    const { backend, asked } = fakeBackend([]);
    const timeline = createReactionTimeline(backend);
    timeline.tick({ position: 0, duration: 120 }, 0);
    await settle();
    expect(timeline.replayOn.value).toBe(false);
    timeline.onServerMessage(live(reaction(9, 30)));
    expect(timeline.histogram.value?.bins[30]).toEqual({ count: 1, emoji: '😂' });
    expect(timeline.histogram.value?.total).toBe(1);
    timeline.tick({ position: 31, duration: 120 }, 250);
    expect(asked.window).toEqual([]); // nothing fetched while replay is off
  });

  test('a reaction seen live does not float again; switching off clears what floats', async () => {
    const seen = reaction(1, 20);
    const { backend } = fakeBackend([seen, reaction(2, 20.5)]);
    const timeline = createReactionTimeline(backend);
    timeline.tick({ position: 19, duration: 120 }, 0);
    await settle();
    timeline.onServerMessage(live(seen));
    timeline.tick({ position: 19.5, duration: 120 }, 250);
    await settle();
    timeline.tick({ position: 21, duration: 120 }, 500);
    expect(timeline.replayed.value.map((f) => f.id)).toEqual(['r_test_2']);
    timeline.setReplay(false);
    expect(timeline.replayOn.value).toBe(false);
    expect(timeline.replayed.value).toEqual([]);
  });

  test('switched on while the window is slow to come: what the playhead passed still floats', async () => {
    const { backend } = fakeBackend([reaction(1, 20.5)]);
    let answer: () => void = () => {};
    const slow = {
      ...backend,
      window: (query: WindowQuery) =>
        new Promise<Awaited<ReturnType<typeof backend.window>>>((resolve) => {
          answer = () => void backend.window(query).then(resolve);
        }),
    };
    const timeline = createReactionTimeline(slow);
    timeline.tick({ position: 19, duration: 120 }, 0);
    await settle();
    timeline.setReplay(true); // someone there from the start switches it on
    let now = 0;
    for (let position = 19.25; position <= 21; position += 0.25) {
      now += 250;
      timeline.tick({ position, duration: 120 }, now);
      await settle();
    }
    expect(timeline.replayed.value).toEqual([]); // passed 20.5, nothing held yet
    answer();
    await settle();
    timeline.tick({ position: 21.25, duration: 120 }, now + 250);
    expect(timeline.replayed.value.map((f) => f.id)).toEqual(['r_test_1']);
  });

  test('no film (an ad, no duration): nothing is asked; a new duration is a new histogram', async () => {
    const { backend, asked } = fakeBackend([]);
    const timeline = createReactionTimeline(backend);
    timeline.tick(null, 0);
    expect(asked.histogram).toEqual([]);
    timeline.tick({ position: 1, duration: 10 }, 250);
    await settle();
    timeline.tick({ position: 1, duration: 10.4 }, 500);
    timeline.tick({ position: 0, duration: 600 }, 750);
    await settle();
    expect(asked.histogram).toEqual([10, 600]);
  });

  test('a failed fetch is asked again, not before the server’s Retry-After', async () => {
    let fail = true;
    const { backend, asked } = fakeBackend([]);
    const flaky = {
      ...backend,
      histogram: async (d: number): Promise<ApiResult<Histogram>> => {
        if (!fail) return backend.histogram(d);
        asked.histogram.push(d);
        const error = { code: 'rate_limited', message: 'slow down', status: 429 };
        return { ok: false, error: { ...error, retryAfterSeconds: 8 } };
      },
    };
    const timeline = createReactionTimeline(flaky);
    timeline.tick({ position: 0, duration: 120 }, 0);
    await settle();
    fail = false;
    for (let now = 250; now < 8000; now += 250) timeline.tick({ position: 0, duration: 120 }, now);
    await settle();
    expect(asked.histogram).toEqual([120]); // the server said 8 s
    timeline.tick({ position: 0.25, duration: 120 }, 8000);
    await settle();
    expect(asked.histogram).toEqual([120, 120]);
    expect(timeline.histogram.value?.total).toBe(0);
  });
});
