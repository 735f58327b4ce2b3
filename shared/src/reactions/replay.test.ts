import { describe, expect, test } from 'bun:test';
import { jsonBytes, MAX_SERVER_FRAME_BYTES, REACTIONS, type Reaction } from '../protocol.ts';
import {
  type FilmWindow,
  initialReplay,
  markShown,
  mergeHeld,
  needsWindow,
  REPLAY_CATCH_UP_SEC,
  REPLAY_LANDING_LEAD_SEC,
  REPLAY_MAX_BURST,
  REPLAY_MAX_HELD,
  REPLAY_MAX_PAGES,
  REPLAY_WINDOW,
  replayOnByDefault,
  tickReplay,
  tickReplayHeld,
  windowAround,
} from './replay.ts';
import { MAX_WINDOW_SEC, type TimelineReaction, WINDOW_PAGE_MAX } from './schema.ts';
import { selectWindowPage } from './window-page.ts';

const TWO_HOURS = 2 * 60 * 60;

const reaction = (cursor: number, position: number, emoji: Reaction = '😂'): TimelineReaction => ({
  id: `r_${String(cursor).padStart(8, '0')}`,
  cursor,
  emoji,
  position,
  userId: 'anna',
  name: 'Анна',
});

describe('windowAround / needsWindow', () => {
  test('a window reaches a little behind and two minutes ahead, within one request', () => {
    const w = windowAround(600, TWO_HOURS);
    expect(w).toEqual({ from: 600 - REPLAY_WINDOW.behindSec, to: 600 + REPLAY_WINDOW.aheadSec });
    expect(w.to - w.from).toBeLessThanOrEqual(MAX_WINDOW_SEC);
    expect(windowAround(3, TWO_HOURS).from).toBe(0);
    // Never past the film's end (plus a second for a last reaction at the very end).
    expect(windowAround(TWO_HOURS - 5, TWO_HOURS).to).toBe(TWO_HOURS + 1);
  });
  test('refetch when the playhead leaves the window or nears its end, not at the film end', () => {
    const held: FilmWindow = { from: 590, to: 720 };
    expect(needsWindow(null, 0, 100)).toBe(true);
    expect(needsWindow(held, 600, TWO_HOURS)).toBe(false);
    expect(needsWindow(held, 580, TWO_HOURS)).toBe(true);
    expect(needsWindow(held, 700, TWO_HOURS)).toBe(true);
    expect(needsWindow({ from: 7100, to: 7201 }, 7190, TWO_HOURS)).toBe(false);
  });
});

describe('tickReplay', () => {
  const held = [reaction(1, 10), reaction(2, 10.5, '😱'), reaction(3, 12), reaction(4, 30)];

  test('reactions float as the playhead passes them, each once', () => {
    let state = tickReplay(initialReplay, held, 9.8, 9.8).state;
    const first = tickReplay(state, held, 10.6, 10.6);
    expect(first.due.map((r) => r.cursor)).toEqual([1, 2]);
    state = first.state;
    expect(tickReplay(state, held, 10.6, 10.6).due).toEqual([]);
    const second = tickReplay(state, held, 12.1, 12.1);
    expect(second.due.map((r) => r.cursor)).toEqual([3]);
  });

  test('a jump forward floats nothing in between', () => {
    const state = tickReplay(initialReplay, held, 5, 100).state;
    expect(tickReplay(state, held, 29, 100.25).due).toEqual([]);
  });

  test('a jump that lands just past a reaction still floats it, going forward or back', () => {
    // Aimed at 29.8 (just before the reaction at 30), landed at 30.6: the player sought ahead.
    let state = tickReplay(initialReplay, held, 5, 100).state;
    state = tickReplay(state, held, 30.6, 100.25).state;
    expect(tickReplay(state, held, 30.85, 100.5).due.map((r) => r.cursor)).toEqual([4]);
    // Back to just past 10 and 10.5 (seen already): watched again, they float again.
    state = markShown(markShown(state, 'r_00000001', 10), 'r_00000002', 10.5);
    state = tickReplay(state, held, 10 + REPLAY_LANDING_LEAD_SEC - 0.1, 100.75).state;
    expect(tickReplay(state, held, 11.6, 101).due.map((r) => r.cursor)).toEqual([1, 2]);
    // What lies further back than the lead does not.
    state = tickReplay(state, held, 12 + REPLAY_LANDING_LEAD_SEC + 0.5, 101.25).state;
    expect(tickReplay(state, held, 14.2, 101.5).due).toEqual([]);
  });

  test('a slow tick while the film plays on still replays what it passed', () => {
    // Four seconds between ticks (a throttled tab), and the film moved four seconds.
    const state = tickReplay(initialReplay, held, 8, 100).state;
    expect(tickReplay(state, held, 12.1, 104.2).due.map((r) => r.cursor)).toEqual([1, 2, 3]);
  });

  test('a reaction seen live does not float again; going back before it replays it', () => {
    let state = tickReplay(initialReplay, held, 9.9, 9.9).state;
    state = markShown(state, held[0]?.id as string, 10);
    expect(tickReplay(state, held, 10.2, 10.2).due).toEqual([]);
    state = tickReplay(state, held, 10.2, 10.2).state;
    state = tickReplay(state, held, 9, 9).state; // the room sought back
    expect(tickReplay(state, held, 10.2, 10.2).due.map((r) => r.cursor)).toEqual([1]);
  });

  test('a burst floats at most REPLAY_MAX_BURST at once', () => {
    const burst = Array.from({ length: 40 }, (_, i) => reaction(i + 1, 50 + i / 100));
    const state = tickReplay(initialReplay, burst, 49.9, 49.9).state;
    expect(tickReplay(state, burst, 51, 51).due).toHaveLength(REPLAY_MAX_BURST);
  });

  test('on by default only for someone who finds reactions already there', () => {
    expect(replayOnByDefault(0)).toBe(false);
    expect(replayOnByDefault(3)).toBe(true);
  });
});

describe('tickReplayHeld: the window the playhead needs is still loading', () => {
  const held = [reaction(1, 10), reaction(2, 11), reaction(3, 16)];
  const window: FilmWindow = { from: 0, to: 120 };
  /** Plays from `from` to `to` in 0.25 s ticks (wall = film time + 100), holding window `w`. */
  function play(
    state: ReturnType<typeof tickReplay>['state'],
    from: number,
    to: number,
    w: FilmWindow | null,
  ) {
    const due: number[] = [];
    for (let t = from; t <= to + 1e-9; t += 0.25) {
      const inWindow = w ? held.filter((r) => r.position >= w.from && r.position < w.to) : [];
      const step = tickReplayHeld(state, inWindow, w, t, t + 100);
      state = step.state;
      due.push(...step.due.map((r) => r.cursor));
    }
    return { state, due };
  }

  test('what the playhead passed while the window loaded floats when it arrives', () => {
    // Switched on at 9 s: nothing held yet; the playhead passes 10 and 11 meanwhile.
    const waiting = play(tickReplayHeld(initialReplay, [], null, 9, 109).state, 9.25, 11.5, null);
    expect(waiting.due).toEqual([]);
    const arrived = tickReplayHeld(waiting.state, held, window, 11.75, 111.75);
    expect(arrived.due.map((r) => r.cursor)).toEqual([1, 2]);
    expect(play(arrived.state, 12, 17, window).due).toEqual([3]);
  });

  test('a window later than REPLAY_CATCH_UP_SEC lets go of what passed, not of what comes', () => {
    const start = tickReplayHeld(initialReplay, [], null, 9, 109).state;
    const waiting = play(start, 9.25, 9 + REPLAY_CATCH_UP_SEC + 1.5, null);
    const position = 9 + REPLAY_CATCH_UP_SEC + 1.75;
    const arrived = tickReplayHeld(waiting.state, held, window, position, position + 100);
    expect(arrived.due).toEqual([]); // 10 and 11 are more than 5 s behind by now
    expect(play(arrived.state, position + 0.25, 17, window).due).toEqual([3]);
  });

  test('a partial window (it ends before the playhead) is no cover: the replay waits', () => {
    const start = tickReplayHeld(initialReplay, held, { from: 0, to: 10.5 }, 9, 109).state;
    const short = play(start, 9.25, 11.5, { from: 0, to: 10.5 });
    expect(short.due).toEqual([1]); // inside the window: on time
    expect(
      tickReplayHeld(short.state, held, window, 11.75, 111.75).due.map((r) => r.cursor),
    ).toEqual([2]);
  });

  test('a jump back while the window loads floats what lies just before the landing once it arrives', () => {
    let state = tickReplayHeld(initialReplay, [], null, 40, 140).state; // switched on at 40
    state = tickReplayHeld(state, [], null, 10.8, 140.25).state; // the peak at 10, landed late
    state = play(state, 11, 11.5, null).state;
    expect(tickReplayHeld(state, held, window, 11.75, 141.75).due.map((r) => r.cursor)).toEqual([
      1, 2,
    ]);
  });

  test('a jump forward while waiting floats nothing; a jump back forgets what was shown', () => {
    let state = tickReplayHeld(initialReplay, held, window, 9, 109).state;
    state = play(state, 9.25, 12, window).state; // 1 and 2 floated
    state = tickReplayHeld(state, held, null, 15, 112.25).state; // sought ahead, window loading
    expect(tickReplayHeld(state, held, window, 16.5, 112.5).due).toEqual([]);
    state = tickReplayHeld(state, held, null, 9.5, 112.75).state; // back, window loading again
    expect(play(state, 9.75, 11.5, window).due).toEqual([1, 2]);
  });
});

describe('a 2-hour film with 6,000 reactions, played through with replay on', () => {
  test('pages, held reactions and page bytes stay bounded; every moment replays', () => {
    // Busy moments (bursts of 40 in a few seconds) and a steady trickle in between.
    const all: TimelineReaction[] = [];
    let cursor = 0;
    for (let minute = 0; minute < 120; minute++) {
      for (let i = 0; i < 30; i++) all.push(reaction(++cursor, minute * 60 + i * 2));
      if (minute % 10 === 5) {
        for (let i = 0; i < 20; i++) {
          all.push(reaction(++cursor, minute * 60 + 31 + i / 10, REACTIONS[i % 10] as Reaction));
        }
      }
    }
    expect(all.length).toBeGreaterThanOrEqual(3600);
    let pages = 0;
    let maxPagesPerWindow = 0;
    let maxHeld = 0;
    let maxPageBytes = 0;
    let heldWindow: FilmWindow | null = null;
    let held: TimelineReaction[] = [];
    let state = initialReplay;
    const replayed = new Set<string>();
    for (let t = 0; t <= TWO_HOURS; t += 0.25) {
      if (needsWindow(heldWindow, t, TWO_HOURS)) {
        const w = windowAround(t, TWO_HOURS);
        // What the client keeps: the new window only (behind it is forgotten).
        held = held.filter((r) => r.position >= w.from && r.position < w.to);
        let query = { from: w.from, to: w.to, limit: WINDOW_PAGE_MAX } as {
          from: number;
          to: number;
          limit: number;
          afterCursor?: number;
        };
        let windowPages = 0;
        while (windowPages < REPLAY_MAX_PAGES) {
          const page = selectWindowPage(all, query);
          pages++;
          windowPages++;
          maxPageBytes = Math.max(maxPageBytes, jsonBytes(page));
          held = mergeHeld(held, page.reactions);
          if (!page.next) break;
          query = { ...query, from: page.next.position, afterCursor: page.next.cursor };
        }
        maxPagesPerWindow = Math.max(maxPagesPerWindow, windowPages);
        heldWindow = w;
      }
      maxHeld = Math.max(maxHeld, held.length);
      const tick = tickReplay(state, held, t, t);
      state = tick.state;
      for (const r of tick.due) replayed.add(r.id);
    }
    expect(maxHeld).toBeLessThanOrEqual(REPLAY_MAX_HELD);
    expect(maxPagesPerWindow).toBeLessThanOrEqual(REPLAY_MAX_PAGES);
    expect(maxPageBytes).toBeLessThanOrEqual(MAX_SERVER_FRAME_BYTES);
    // One window per ~90 s of film, a few pages each: not one request per reaction.
    expect(pages).toBeLessThan(300);
    expect(state.shown.size).toBeLessThanOrEqual(2 * REPLAY_MAX_HELD);
    // The trickle all replays (but the one at 0:00, before the first tick); a burst is thinned
    // to a few per tick, never dropped wholesale.
    const trickle = all.filter((r) => r.emoji === '😂' && Number.isInteger(r.position));
    expect(trickle.filter((r) => !replayed.has(r.id)).map((r) => r.position)).toEqual([0]);
    expect(replayed.size).toBeGreaterThan(trickle.length);
  });
});

describe('selectWindowPage', () => {
  test('pages by (position, cursor) and never exceeds a frame, even with long names', () => {
    const all = Array.from({ length: 300 }, (_, i) => ({
      ...reaction(i + 1, 100 + Math.floor(i / 3)),
      name: 'Щ'.repeat(128),
    }));
    const seen: number[] = [];
    let query: { from: number; to: number; limit: number; afterCursor?: number } = {
      from: 100,
      to: 300,
      limit: WINDOW_PAGE_MAX,
    };
    for (let i = 0; i < 20; i++) {
      const page = selectWindowPage(all, query);
      expect(jsonBytes(page)).toBeLessThanOrEqual(MAX_SERVER_FRAME_BYTES);
      seen.push(...page.reactions.map((r) => r.cursor));
      if (!page.next) break;
      query = { ...query, from: page.next.position, afterCursor: page.next.cursor };
    }
    expect(seen).toEqual(all.map((r) => r.cursor));
  });
});
